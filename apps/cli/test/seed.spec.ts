import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type ConcordConfig } from '../../api/src/config.js';
import { ConcordRuntime } from '../../api/src/runtime.js';
import { NetworkQueries } from '../../../libs/network/src/index.js';
import { NeedsQueries } from '../../../libs/needs/src/index.js';
import { buyerGroupOpportunities } from '../../../libs/needs/src/read-model/buyer-group-opportunities.js';
import { seed } from '../src/commands/seed.command.js';
import { SEED_COUNTRIES } from '../src/commands/seed-data.js';

const SEED_COUNTRY_CODES = ['FR', 'SK', 'BG', 'EE', 'CY', 'PT', 'RO', 'LT'];

/** Reads what a run left behind, through a runtime of its own, as the API would after a restart. */
async function inspect(config: ConcordConfig) {
  const runtime = ConcordRuntime.open(config);
  try {
    const network = new NetworkQueries(() => runtime.readModels.db);
    const needs = new NeedsQueries(() => runtime.readModels.db);
    const organisations = network.organisations({}, { first: 500 }).edges.map((edge) => edge.node);
    return {
      head: await runtime.store.headPosition(),
      organisations,
      members: network.membersOfOrganisations(organisations.map((organisation) => organisation.id)),
      ncps: SEED_COUNTRY_CODES.map((country) => network.nationalContactPointOf(country)?.id ?? null),
      needs: needs.needs({}, { first: 500 }).edges.map((edge) => edge.node),
      opportunities: buyerGroupOpportunities(needs.jointProcurementCandidates(), 2),
    };
  } finally {
    await runtime.close();
  }
}

describe('concord seed', () => {
  let dataDir: string;
  let config: ConcordConfig;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'concord-seed-'));
    config = loadConfig({ CONCORD_DATA_DIR: dataDir });
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the demo network through the command handlers, then records nothing on a second run', async () => {
    const first = await seed(config);
    const seeded = await inspect(config);
    const memberCount = SEED_COUNTRIES.flatMap((c) => c.organisations.flatMap((o) => o.members)).length;
    const needCount = SEED_COUNTRIES.flatMap((c) => c.organisations.flatMap((o) => o.needs)).length;

    expect(first).toEqual({
      countries: 8,
      organisations: 24,
      members: memberCount,
      nationalContactPoints: 8,
      needs: needCount,
      recordedEvents: 24 + memberCount + 8 + needCount,
    });
    expect(new Set(seeded.organisations.map((o) => o.country))).toEqual(new Set(SEED_COUNTRY_CODES));
    for (const country of SEED_COUNTRY_CODES) {
      const kinds = seeded.organisations.filter((o) => o.country === country).map((o) => o.kind).sort();
      expect([country, kinds]).toEqual([country, ['BORDER_GUARD', 'LAW_ENFORCEMENT', 'MINISTRY']]);
    }
    for (const organisation of seeded.organisations) {
      const count = seeded.members.filter((m) => m.organisation_id === organisation.id).length;
      expect(count).toBeGreaterThanOrEqual(2);
      expect(count).toBeLessThanOrEqual(3);
    }
    expect(seeded.members).toHaveLength(memberCount);
    expect(seeded.ncps.every((id) => id !== null)).toBe(true);

    // Every need was declared by a member of its organisation, as the handlers require.
    expect(seeded.needs).toHaveLength(needCount);
    const countriesOf = (cpv: string) => new Set(seeded.needs.filter((n) => n.cpv_code === cpv).map((n) => n.country));
    for (const cpv of ['35124000-9', '35613000-4', '35815100-1']) expect(countriesOf(cpv).size).toBeGreaterThanOrEqual(3);
    expect(seeded.opportunities.map((o) => o.cpvGroup)).toEqual(['351', '356', '358']);

    const second = await seed(config);
    expect(second).toEqual({ ...first, recordedEvents: 0 });
    expect((await inspect(config)).head).toBe(seeded.head);
  });
});
