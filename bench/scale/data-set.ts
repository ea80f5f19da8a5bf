import { ConcordRuntime, loadConfig, withApplicationContext } from '#runtime';
import type { Actor } from '#kernel';
import { MemberCommands, OrganisationCommands } from '#network';
import { NeedCommands } from '#needs';

const ADMIN: Actor = { subject: 'bench-admin', roles: ['ADMIN'] };
const COUNTRIES = ['FR', 'SK', 'BG', 'EE', 'CY', 'PT', 'RO', 'LT'];
const CPV = ['35124000-9', '35613000-4', '35811300-5', '34711200-6'];

export const memberOf = (country: string) => `bench-member-${country.toLowerCase()}`;
export const BENCH_MEMBER = memberOf('FR');
export const BENCH_ORGANISATION = 'bench-org-fr';

/** The input of one declareNeed, as a client sends it. */
export function needInput(organisationId: string, n: number) {
  return {
    organisationId,
    title: `Walk-through metal detectors, lot ${n}`,
    description: 'Walk-through metal detectors for the border crossing points of the eastern border',
    cpvCode: CPV[n % CPV.length]!,
    quantity: 1 + (n % 40),
    unit: 'piece',
    estimatedBudget: { amount: `${48_000 + (n % 1000) * 10}.00`, currency: 'EUR' },
    targetQuarter: `2027-Q${1 + (n % 4)}`,
    approach: 'STANDARD',
    openToJointProcurement: n % 2 === 0,
  };
}

/**
 * Grows the data set in `dataDir` to `needs` needs, through the API's own command tables (the
 * runtime and every context's module, without HTTP), so every rule, authorisation, event
 * envelope and projection applies as for a client. `concurrency` commands are in flight at
 * once, as from that many clients. Returns the number of needs now held.
 */
export async function growDataSet(dataDir: string, needs: number, concurrency = 32): Promise<number> {
  // Building the data set is setup, not what is measured: the server under test runs at FULL.
  const config = loadConfig({ CONCORD_DATA_DIR: dataDir, CONCORD_SQLITE_SYNCHRONOUS: 'NORMAL' });
  return withApplicationContext(config, async (app) => {
  const runtime = app.get(ConcordRuntime);
  const organisations = app.get(OrganisationCommands);
  const members = app.get(MemberCommands);
  const commands = app.get(NeedCommands);
  const db = runtime.readModels.db;
  const context = (actor: Actor, key: string) => ({ actor, correlationId: 'bench', idempotencyKey: `bench:${key}` });
  for (const country of COUNTRIES) {
    const id = `bench-org-${country.toLowerCase()}`;
    await organisations.send('RegisterOrganisation', { input: { id, name: `Agence ${country}`, country, kind: 'PROCUREMENT_AGENCY' } }, context(ADMIN, id));
    await members.send(
      'JoinCommunity',
      { input: { id: memberOf(country), displayName: `Buyer ${country}`, email: `buyer@${country.toLowerCase()}.example.eu`, country, organisationId: id } },
      context(ADMIN, memberOf(country)),
    );
  }
  const held = () => (db.prepare('SELECT COUNT(*) AS n FROM needs').get() as { n: number }).n;
  let next = held();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < needs) {
        const n = (next += 1);
        const country = COUNTRIES[n % COUNTRIES.length]!;
        await commands.send(
          'DeclareNeed',
          { input: needInput(`bench-org-${country.toLowerCase()}`, n) },
          { actor: { subject: memberOf(country), roles: [] }, correlationId: 'bench' },
        );
      }
    }),
  );
  return held();
  });
}
