import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../../../api/src/app.module.js';
import { loadConfig, type ConcordConfig } from '../../../api/src/config.js';
import { ConcordRuntime } from '../../../api/src/runtime.js';
import type { Position } from '../../../../libs/event-store/src/index.js';
import type { Actor, CommandContext } from '../../../../libs/kernel/src/index.js';
import { AppointNationalContactPoint, JoinCommunity } from '../../../../libs/network/src/application/member.commands.js';
import { RegisterOrganisation } from '../../../../libs/network/src/application/organisation.commands.js';
import { DeclareNeed } from '../../../../libs/needs/src/index.js';
import type { CliCommand } from '../commands.js';
import { SEED_COUNTRIES, seedEmail } from './seed-data.js';

export interface SeedSummary {
  countries: number;
  organisations: number;
  members: number;
  nationalContactPoints: number;
  needs: number;
  /** Events this run recorded: 0 when the demo data was already there. */
  recordedEvents: number;
}

/** Registrations, admissions and appointments are the platform administrator's. */
const SEEDER: Actor = { subject: 'concord-seed', roles: ['ADMIN'] };

/**
 * Loads the demo data through the API's own command handlers (the Nest application context,
 * without HTTP), so every rule, authorisation and projection applies as for a client. Each
 * command carries an idempotency key: a second run records nothing.
 */
export async function seed(config: ConcordConfig): Promise<SeedSummary> {
  const app = await NestFactory.createApplicationContext(AppModule.forConfig(config), { logger: false });
  try {
    const runtime = app.get(ConcordRuntime);
    const bus = app.get(CommandBus);
    const before = await runtime.store.headPosition();
    const correlationId = `seed-${randomUUID()}`;
    const context = (actor: Actor, key: string): CommandContext => ({ actor, correlationId, idempotencyKey: `seed:${key}` });

    for (const { country, organisations } of SEED_COUNTRIES) {
      for (const organisation of organisations) {
        await bus.execute(
          new RegisterOrganisation(
            { id: organisation.id, name: organisation.name, country, kind: organisation.kind },
            context(SEEDER, `organisation:${organisation.id}`),
          ),
        );
        for (const member of organisation.members) {
          await bus.execute(
            new JoinCommunity(
              {
                id: member.id,
                displayName: member.displayName,
                email: seedEmail(member, organisation),
                country,
                organisationId: organisation.id,
                expertise: member.expertise,
              },
              context(SEEDER, `member:${member.id}`),
            ),
          );
        }
      }
    }
    for (const { country, nationalContactPoint } of SEED_COUNTRIES) {
      await bus.execute(new AppointNationalContactPoint(country, nationalContactPoint, context(SEEDER, `ncp:${country}`)));
    }
    for (const { organisations } of SEED_COUNTRIES) {
      for (const organisation of organisations) {
        // A need is declared by a member of its organisation, as the rules require.
        const declarer: Actor = { subject: organisation.members[0]!.id, roles: [] };
        for (const need of organisation.needs) {
          const { key, amount, ...details } = need;
          await bus.execute(
            new DeclareNeed(
              { ...details, organisationId: organisation.id, estimatedBudget: { amount, currency: 'EUR' } },
              context(declarer, `need:${key}`),
            ),
          );
        }
      }
    }
    return { ...counts(runtime), recordedEvents: await eventsAfter(runtime, before) };
  } finally {
    await app.close();
  }
}

/** What the read models hold now, for the summary. */
function counts(runtime: ConcordRuntime): Omit<SeedSummary, 'recordedEvents'> {
  const count = (sql: string) => (runtime.readModels.db.prepare(sql).get() as { n: number }).n;
  return {
    countries: count('SELECT COUNT(DISTINCT country) AS n FROM organisations'),
    organisations: count('SELECT COUNT(*) AS n FROM organisations'),
    members: count('SELECT COUNT(*) AS n FROM members'),
    nationalContactPoints: count('SELECT COUNT(*) AS n FROM members WHERE ncp_for IS NOT NULL'),
    needs: count('SELECT COUNT(*) AS n FROM needs'),
  };
}

async function eventsAfter(runtime: ConcordRuntime, position: Position | undefined): Promise<number> {
  let total = 0;
  let from = position;
  for (;;) {
    const page = await runtime.store.readAll({ fromPosition: from, maxCount: 1000 });
    if (page.length === 0) return total;
    total += page.length;
    from = page[page.length - 1]!.position;
  }
}

export const seedCommand: CliCommand = {
  name: 'seed',
  usage: 'concord seed                   (demo data: 8 countries, organisations, members, NCPs, needs)',
  async run(): Promise<number> {
    const config = loadConfig();
    const summary = await seed(config);
    const { countries, organisations, members, nationalContactPoints, needs, recordedEvents } = summary;
    process.stdout.write(
      `${
        recordedEvents === 0
          ? 'Nothing new recorded: the demo data is already there.'
          : `Seeded: recorded ${recordedEvents} events.`
      }\nData in ${config.dataDir}: ${countries} countries, ${organisations} organisations, ${members} members, ` +
        `${nationalContactPoints} national contact points, ${needs} needs.\n` +
        `Try: concord token --sub fr-sophie-lefebvre   (a member of the Police nationale)\n`,
    );
    return 0;
  },
};
