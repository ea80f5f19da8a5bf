import { randomUUID } from 'node:crypto';
import { ConcordRuntime, loadConfig, type ConcordConfig, withApplicationContext } from '#runtime';
import type { Position } from '#event-store';
import type { Actor, CommandContext } from '#kernel';
import { MemberCommands, OrganisationCommands } from '#network';
import { NeedCommands } from '#needs';
import { BuyerGroupCommands } from '#buyer-groups';
import { TopicalGroupCommands } from '#topical-groups';
import type { CliCommand } from '../cli-command.js';
import { SEED_BUYER_GROUP, SEED_COUNTRIES, SEED_TOPICAL_GROUP, seedEmail } from './seed-data.js';
import { seedBuyerGroup, seedTopicalGroup } from './seed-groups.js';

export interface SeedSummary {
  countries: number;
  organisations: number;
  members: number;
  nationalContactPoints: number;
  needs: number;
  /** Buyer groups by status, e.g. { ESTABLISHED: 1 }. */
  buyerGroups: Record<string, number>;
  topicalGroups: number;
  /** Topical-group decisions by status, e.g. { ADOPTED: 1, OPEN: 1 }. */
  decisions: Record<string, number>;
  /** Events this run recorded: 0 when the demo data was already there. */
  recordedEvents: number;
}

/** Registrations, admissions, appointments and topical groups are the platform administrator's. */
const SEEDER: Actor = { subject: 'concord-seed', roles: ['ADMIN'] };

/**
 * Loads the demo data through the API's own command tables (the runtime and every context's module,
 * without HTTP), so every rule, authorisation and projection applies as for a client: the
 * administrator does the administrator's steps, seeded members act as themselves for the rest.
 * Each command carries an idempotency key of its own: a second run records nothing.
 */
export async function seed(config: ConcordConfig): Promise<SeedSummary> {
  return withApplicationContext(config, async (app) => {
  const runtime = app.get(ConcordRuntime);
  const registry = app.get(OrganisationCommands);
  const members = app.get(MemberCommands);
  const needs = app.get(NeedCommands);
  const before = await runtime.store.headPosition();
  const correlationId = `seed-${randomUUID()}`;
  const context = (actor: Actor, key: string): CommandContext => ({ actor, correlationId, idempotencyKey: `seed:${key}` });

  for (const { country, organisations } of SEED_COUNTRIES) {
    for (const organisation of organisations) {
      await registry.send(
        'RegisterOrganisation',
        { input: { id: organisation.id, name: organisation.name, country, kind: organisation.kind } },
        context(SEEDER, `organisation:${organisation.id}`),
      );
      for (const member of organisation.members) {
        await members.send(
          'JoinCommunity',
          {
            input: {
              id: member.id,
              displayName: member.displayName,
              email: seedEmail(member, organisation),
              country,
              organisationId: organisation.id,
              expertise: member.expertise,
            },
          },
          context(SEEDER, `member:${member.id}`),
        );
      }
    }
  }
  for (const { country, nationalContactPoint } of SEED_COUNTRIES) {
    await members.send('AppointNationalContactPoint', { memberId: nationalContactPoint, country }, context(SEEDER, `ncp:${country}`));
  }
  const needIds = new Map<string, string>();
  for (const { organisations } of SEED_COUNTRIES) {
    for (const organisation of organisations) {
      // A need is declared by a member of its organisation, as the rules require.
      const declarer: Actor = { subject: organisation.members[0]!.id, roles: [] };
      for (const need of organisation.needs) {
        const { key, amount, ...details } = need;
        const declared = await needs.send(
          'DeclareNeed',
          { input: { ...details, organisationId: organisation.id, estimatedBudget: { amount, currency: 'EUR' } } },
          context(declarer, `need:${key}`),
        );
        needIds.set(key, declared.id);
      }
    }
  }
  const run = { buyerGroups: app.get(BuyerGroupCommands), topicalGroups: app.get(TopicalGroupCommands), context };
  await seedBuyerGroup(run, SEED_BUYER_GROUP, needIds);
  await seedTopicalGroup(run, SEED_TOPICAL_GROUP, SEEDER);
  return { ...counts(runtime), recordedEvents: await eventsAfter(runtime, before) };
  });
}

/** What the read models hold now, for the summary. */
function counts(runtime: ConcordRuntime): Omit<SeedSummary, 'recordedEvents'> {
  const db = runtime.readModels.db;
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const byStatus = (table: string) =>
    Object.fromEntries(
      (db.prepare(`SELECT status, COUNT(*) AS n FROM ${table} GROUP BY status ORDER BY status`).all() as { status: string; n: number }[]).map(
        ({ status, n }) => [status, n],
      ),
    );
  return {
    countries: count('SELECT COUNT(DISTINCT country) AS n FROM organisations'),
    organisations: count('SELECT COUNT(*) AS n FROM organisations'),
    members: count('SELECT COUNT(*) AS n FROM members'),
    nationalContactPoints: count('SELECT COUNT(*) AS n FROM members WHERE ncp_for IS NOT NULL'),
    needs: count('SELECT COUNT(*) AS n FROM needs'),
    buyerGroups: byStatus('buyer_groups'),
    topicalGroups: count('SELECT COUNT(*) AS n FROM topical_groups'),
    decisions: byStatus('topical_group_decisions'),
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
  usage: 'concord seed                   (demo data: 8 countries, organisations, members, NCPs, needs, a buyer group, a topical group)',
  async run(): Promise<number> {
    const config = loadConfig();
    const summary = await seed(config);
    const { countries, organisations, members, nationalContactPoints, needs, buyerGroups, topicalGroups, decisions, recordedEvents } = summary;
    process.stdout.write(
      `${
        recordedEvents === 0
          ? 'Nothing new recorded: the demo data is already there.'
          : `Seeded: recorded ${recordedEvents} events.`
      }\nData in ${config.dataDir}: ${countries} countries, ${organisations} organisations, ${members} members, ` +
        `${nationalContactPoints} national contact points, ${needs} needs, ${tally(buyerGroups, 'buyer group')}, ` +
        `${plural(topicalGroups, 'topical group')}, ${tally(decisions, 'decision')}.\n` +
        `Try: concord token --sub fr-sophie-lefebvre   (a member of the Police nationale, leader of the Ballistic protection group)\n` +
        `     concord token --sub ro-alexandra-radu    (a member of the Romanian border police, lead procurer of the metal-detector group)\n`,
    );
    return 0;
  },
};

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** `2 decisions (1 ADOPTED, 1 OPEN)`, from counts by status. */
function tally(byStatus: Record<string, number>, noun: string): string {
  const entries = Object.entries(byStatus);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return entries.length === 0 ? plural(0, noun) : `${plural(total, noun)} (${entries.map(([status, n]) => `${n} ${status}`).join(', ')})`;
}
