import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newId } from '#kernel';
import { forgetPreparedStatements } from '#projections';
import { ConcordServer, codeOf, type GraphQLResponse } from './support/concord-server.js';

const NEED = `id title description cpv { code label } quantity unit estimatedBudget { amount currency } targetQuarter approach
  openToJointProcurement status declaredAt updatedAt version organisation { id name country }`;
const DECLARE = `mutation($input: DeclareNeedInput!, $key: String) {
  declareNeed(input: $input, idempotencyKey: $key) { version position need { ${NEED} } } }`;
const AMEND = `mutation($id: ID!, $changes: AmendNeedInput!, $expectedVersion: Int, $key: String) {
  amendNeed(id: $id, changes: $changes, expectedVersion: $expectedVersion, idempotencyKey: $key) { version position need { ${NEED} } } }`;
const WITHDRAW = `mutation($id: ID!, $reason: String!, $expectedVersion: Int, $key: String) {
  withdrawNeed(id: $id, reason: $reason, expectedVersion: $expectedVersion, idempotencyKey: $key) { version position need { ${NEED} } } }`;
const NEED_QUERY = `query($id: ID!, $asOf: DateTime) { need(id: $id, asOf: $asOf) { ${NEED} } }`;

type Kind = 'LAW_ENFORCEMENT' | 'BORDER_GUARD' | 'MINISTRY';

/** Organisations registered and members admitted by an admin, as a real client would. */
class Network {
  constructor(
    readonly server: ConcordServer,
    readonly admin: string,
  ) {}

  static async of(server: ConcordServer): Promise<Network> {
    return new Network(server, await server.adminToken());
  }

  async organisation(name: string, country: string, kind: Kind): Promise<string> {
    const data = await this.server.ok<any>(
      `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { organisation { id } } }`,
      { input: { name, country, kind } },
      this.admin,
    );
    return data.registerOrganisation.organisation.id;
  }

  /** Admits a member of the organisation and returns their token. */
  async member(id: string, organisationId: string, country: string): Promise<string> {
    await this.server.ok(
      `mutation($input: JoinCommunityInput!) { joinCommunity(input: $input) { member { id } } }`,
      { input: { id, displayName: `Expert ${id}`, email: `${id}@example.eu`, country, organisationId, expertise: ['procurement'] } },
      this.admin,
    );
    return this.server.token(id);
  }
}

interface NeedInput {
  organisationId: string;
  cpvCode: string;
  quantity: number;
  amount: string;
  currency?: string;
  quarter: string;
  approach?: string;
  joint?: boolean;
  title?: string;
}

const needInput = (need: NeedInput) => ({
  organisationId: need.organisationId,
  title: need.title ?? `Need for ${need.cpvCode}`,
  description: 'Specification to follow after market consultation',
  cpvCode: need.cpvCode,
  quantity: need.quantity,
  unit: 'unit',
  estimatedBudget: { amount: need.amount, currency: need.currency ?? 'EUR' },
  targetQuarter: need.quarter,
  approach: need.approach ?? 'STANDARD',
  openToJointProcurement: need.joint ?? true,
});

async function declare(server: ConcordServer, token: string, need: NeedInput, key?: string): Promise<any> {
  return (await server.ok<any>(DECLARE, { input: needInput(need), key }, token)).declareNeed;
}

const fieldOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.['field'];

describe('needs: declare, amend, withdraw', () => {
  let server: ConcordServer;
  let network: Network;
  let police: string;
  let ministry: string;
  let policeOfficer: string;
  let ministryOfficial: string;
  let auditor: string;

  beforeAll(async () => {
    server = await ConcordServer.start();
    network = await Network.of(server);
    police = await network.organisation('Police nationale', 'FR', 'LAW_ENFORCEMENT');
    ministry = await network.organisation('Ministère de l’Intérieur', 'FR', 'MINISTRY');
    policeOfficer = await network.member('claire-martin', police, 'FR');
    ministryOfficial = await network.member('julien-bernard', ministry, 'FR');
    auditor = await server.token('auditor', ['AUDITOR']);
  });
  afterAll(async () => {
    await server.stop();
  });

  const head = () => server.runtime.store.headPosition();
  const detectors = (): NeedInput => ({ organisationId: police, cpvCode: '35124000-9', quantity: 40, amount: '480000', quarter: '2027-Q2' });

  it('lets a member of the organisation declare a need, labelled and normalised', async () => {
    const declared = await declare(server, policeOfficer, detectors());
    expect(declared.version).toBe(1);
    expect(declared.position).toEqual(expect.any(String));
    expect(declared.need).toMatchObject({
      cpv: { code: '35124000-9', label: 'Metal detectors' },
      quantity: 40,
      estimatedBudget: { amount: '480000.00', currency: 'EUR' },
      targetQuarter: '2027-Q2',
      approach: 'STANDARD',
      openToJointProcurement: true,
      status: 'OPEN',
      version: 1,
      organisation: { id: police, name: 'Police nationale', country: 'FR' },
    });
    expect(declared.need.declaredAt).toBe(declared.need.updatedAt);
  });

  it('refuses a declaration by a member of another organisation, or an ADMIN, recording nothing', async () => {
    const before = await head();
    for (const token of [ministryOfficial, network.admin, auditor]) {
      const refused = await server.graphql(DECLARE, { input: needInput(detectors()) }, token);
      expect(codeOf(refused)).toBe('FORBIDDEN');
    }
    expect(codeOf(await server.graphql(DECLARE, { input: needInput(detectors()) }))).toBe('UNAUTHENTICATED');
    expect(await head()).toBe(before);
  });

  it('refuses needs of unknown organisations and of organisations that left the network', async () => {
    const unknown = await server.graphql(DECLARE, { input: needInput({ ...detectors(), organisationId: 'no-such-org' }) }, policeOfficer);
    expect(codeOf(unknown)).toBe('NOT_FOUND');

    const leaving = await network.organisation('Agence dissoute', 'FR', 'LAW_ENFORCEMENT');
    const formerOfficer = await network.member('former-officer', leaving, 'FR');
    await server.ok(`mutation($id: ID!) { leaveNetwork(id: $id, reason: "merged") { version } }`, { id: leaving }, network.admin);
    const before = await head();
    const refused = await server.graphql(DECLARE, { input: needInput({ ...detectors(), organisationId: leaving }) }, formerOfficer);
    expect(codeOf(refused)).toBe('DOMAIN_RULE_VIOLATED');
    expect(refused.errors?.[0]?.extensions?.['rule']).toBe('organisation-left-network');
    expect(await head()).toBe(before);
  });

  it('answers every invalid value with BAD_USER_INPUT naming the field, recording nothing', async () => {
    const before = await head();
    const cases: Array<[Partial<NeedInput>, string]> = [
      [{ cpvCode: '3512400-9' }, 'input.cpvCode'],
      [{ cpvCode: '35124000' }, 'input.cpvCode'],
      [{ cpvCode: '35999999-1' }, 'input.cpvCode'],
      [{ cpvCode: '35124000-8' }, 'input.cpvCode'],
      [{ quarter: '2027-Q5' }, 'input.targetQuarter'],
      [{ quarter: '27-Q1' }, 'input.targetQuarter'],
      [{ currency: 'EURO' }, 'input.estimatedBudget.currency'],
      [{ currency: 'XXX' }, 'input.estimatedBudget.currency'],
      [{ amount: '0' }, 'input.estimatedBudget.amount'],
      [{ amount: '-1500.00' }, 'input.estimatedBudget.amount'],
      [{ amount: '10.001' }, 'input.estimatedBudget.amount'],
      [{ quantity: 0 }, 'input.quantity'],
      [{ quantity: -5 }, 'input.quantity'],
      [{ title: '   ' }, 'input.title'],
    ];
    for (const [override, field] of cases) {
      const result = await server.graphql(DECLARE, { input: needInput({ ...detectors(), ...override }) }, policeOfficer);
      expect([override, codeOf(result), fieldOf(result)]).toEqual([override, 'BAD_USER_INPUT', field]);
    }
    expect(await head()).toBe(before);
  });

  it('amends for members of the organisation only, recording only actual changes', async () => {
    const { need } = await declare(server, policeOfficer, { ...detectors(), cpvCode: '35613000-4', quantity: 6, amount: '300000' });

    const beforeRefusals = await head();
    const refused = await server.graphql(AMEND, { id: need.id, changes: { quantity: 8 } }, ministryOfficial);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(AMEND, { id: need.id, changes: { quantity: 8 } }, network.admin))).toBe('FORBIDDEN');
    expect((await server.ok<any>(NEED_QUERY, { id: need.id }, ministryOfficial)).need.version).toBe(1);
    expect(await head()).toBe(beforeRefusals);

    const amended = (
      await server.ok<any>(
        AMEND,
        { id: need.id, changes: { quantity: 8, estimatedBudget: { amount: '400000.5', currency: 'EUR' }, unit: 'unit' }, expectedVersion: 1 },
        policeOfficer,
      )
    ).amendNeed;
    expect(amended.version).toBe(2);
    expect(amended.need).toMatchObject({ quantity: 8, estimatedBudget: { amount: '400000.50', currency: 'EUR' }, version: 2, status: 'OPEN' });
    expect(Date.parse(amended.need.updatedAt)).toBeGreaterThan(Date.parse(need.declaredAt));

    const afterAmendment = await head();
    const unchanged = await server.graphql(AMEND, { id: need.id, changes: { quantity: 8 } }, policeOfficer);
    expect(unchanged.errors?.[0]?.extensions).toMatchObject({ code: 'DOMAIN_RULE_VIOLATED', rule: 'need-unchanged' });
    const empty = await server.graphql(AMEND, { id: need.id, changes: {} }, policeOfficer);
    expect([codeOf(empty), fieldOf(empty)]).toEqual(['BAD_USER_INPUT', 'changes']);
    const badQuarter = await server.graphql(AMEND, { id: need.id, changes: { targetQuarter: '2027-Q0' } }, policeOfficer);
    expect([codeOf(badQuarter), fieldOf(badQuarter)]).toEqual(['BAD_USER_INPUT', 'changes.targetQuarter']);
    const badCpv = await server.graphql(AMEND, { id: need.id, changes: { cpvCode: '35613000-5' } }, policeOfficer);
    expect([codeOf(badCpv), fieldOf(badCpv)]).toEqual(['BAD_USER_INPUT', 'changes.cpvCode']);
    expect(codeOf(await server.graphql(AMEND, { id: 'no-such-need', changes: { quantity: 2 } }, policeOfficer))).toBe('NOT_FOUND');
    expect((await server.ok<any>(NEED_QUERY, { id: need.id }, policeOfficer)).need.version).toBe(2);
    expect(await head()).toBe(afterAmendment);
  });

  it('refuses to declare a need under the id of one already declared, recording nothing', async () => {
    const { need } = await declare(server, policeOfficer, detectors());
    const before = await head();
    const again = await server.graphql(DECLARE, { input: { ...needInput({ ...detectors(), quantity: 99 }), id: need.id } }, policeOfficer);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'DOMAIN_RULE_VIOLATED', rule: 'need-already-declared' });
    expect(await head()).toBe(before);
    expect((await server.ok<any>(NEED_QUERY, { id: need.id }, policeOfficer)).need).toMatchObject({ quantity: 40, version: 1 });
  });

  it('answers a stale expectedVersion with CONFLICT, naming both versions', async () => {
    const { need } = await declare(server, policeOfficer, detectors());
    await server.ok(AMEND, { id: need.id, changes: { quantity: 41 } }, policeOfficer);
    const stale = await server.graphql(AMEND, { id: need.id, changes: { quantity: 42 }, expectedVersion: 1 }, policeOfficer);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', expected: 1, actual: 2 });
    const staleWithdrawal = await server.graphql(WITHDRAW, { id: need.id, reason: 'x', expectedVersion: 1 }, policeOfficer);
    expect(staleWithdrawal.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', expected: 1, actual: 2 });
    expect((await server.ok<any>(NEED_QUERY, { id: need.id }, policeOfficer)).need).toMatchObject({ quantity: 41, version: 2 });
  });

  it('withdraws for members of the organisation only, and for good', async () => {
    const { need } = await declare(server, policeOfficer, { ...detectors(), cpvCode: '35815100-1', quantity: 300, amount: '135000' });
    expect(codeOf(await server.graphql(WITHDRAW, { id: need.id, reason: 'not ours' }, ministryOfficial))).toBe('FORBIDDEN');
    expect((await server.ok<any>(NEED_QUERY, { id: need.id }, policeOfficer)).need).toMatchObject({ status: 'OPEN', version: 1 });
    const noReason = await server.graphql(WITHDRAW, { id: need.id, reason: ' ' }, policeOfficer);
    expect([codeOf(noReason), fieldOf(noReason)]).toEqual(['BAD_USER_INPUT', 'reason']);

    const withdrawn = (await server.ok<any>(WITHDRAW, { id: need.id, reason: 'Covered by the national framework contract', expectedVersion: 1 }, policeOfficer))
      .withdrawNeed;
    expect(withdrawn).toMatchObject({ version: 2, need: { status: 'WITHDRAWN', version: 2 } });

    const before = await head();
    const again = await server.graphql(WITHDRAW, { id: need.id, reason: 'again' }, policeOfficer);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'DOMAIN_RULE_VIOLATED', rule: 'need-withdrawn' });
    const amend = await server.graphql(AMEND, { id: need.id, changes: { quantity: 1 } }, policeOfficer);
    expect(amend.errors?.[0]?.extensions).toMatchObject({ code: 'DOMAIN_RULE_VIOLATED', rule: 'need-withdrawn' });
    expect(await head()).toBe(before);
  });

  it('answers a retry with the same idempotencyKey with the first result, recording nothing new', async () => {
    const key = `declare-${newId()}`;
    const first = await declare(server, policeOfficer, detectors(), key);
    const afterFirst = await head();
    const retry = await declare(server, policeOfficer, detectors(), key);
    expect(retry).toEqual(first);
    expect(await head()).toBe(afterFirst);

    const amendKey = `amend-${newId()}`;
    const amended = (await server.ok<any>(AMEND, { id: first.need.id, changes: { quantity: 50 }, key: amendKey }, policeOfficer)).amendNeed;
    // The retry names the version the first attempt expected: it is answered, not a CONFLICT.
    const amendRetry = (await server.ok<any>(AMEND, { id: first.need.id, changes: { quantity: 50 }, key: amendKey, expectedVersion: 1 }, policeOfficer))
      .amendNeed;
    expect(amendRetry.version).toBe(2);
    expect(amendRetry.position).toBe(amended.position);
    const withdrawKey = `withdraw-${newId()}`;
    const withdrawn = (await server.ok<any>(WITHDRAW, { id: first.need.id, reason: 'done', key: withdrawKey }, policeOfficer)).withdrawNeed;
    const withdrawRetry = (await server.ok<any>(WITHDRAW, { id: first.need.id, reason: 'done', key: withdrawKey }, policeOfficer)).withdrawNeed;
    expect(withdrawRetry).toEqual(withdrawn);
    expect(withdrawRetry.version).toBe(3);
  });

  it('shows a need as it was, to auditors only', async () => {
    const { need } = await declare(server, policeOfficer, detectors());
    await server.ok(AMEND, { id: need.id, changes: { quantity: 99 } }, policeOfficer);
    const then = (await server.ok<any>(NEED_QUERY, { id: need.id, asOf: need.declaredAt }, auditor)).need;
    expect(then).toMatchObject({ quantity: 40, version: 1, status: 'OPEN', cpv: { label: 'Metal detectors' }, organisation: { id: police } });
    const now = (await server.ok<any>(NEED_QUERY, { id: need.id, asOf: new Date().toISOString() }, network.admin)).need;
    expect(now).toMatchObject({ quantity: 99, version: 2 });
    expect((await server.ok<any>(NEED_QUERY, { id: need.id, asOf: '2000-01-01T00:00:00Z' }, auditor)).need).toBeNull();
    expect(codeOf(await server.graphql(NEED_QUERY, { id: need.id, asOf: need.declaredAt }, policeOfficer))).toBe('FORBIDDEN');
  });

  describe('lists', () => {
    const LIST = `query($filter: NeedFilter, $first: Int, $after: String) {
      needs(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id cpv { code } status approach openToJointProcurement organisation { id country } } } } }`;
    let other: Record<string, string>;

    beforeAll(async () => {
      const guard = await network.organisation('Straż Graniczna', 'PL', 'BORDER_GUARD');
      const officer = await network.member('anna-nowak', guard, 'PL');
      const uav = await declare(server, officer, { organisationId: guard, cpvCode: '35613000-4', quantity: 4, amount: '800000', quarter: '2028-Q1', approach: 'PCP' });
      const vests = await declare(server, officer, { organisationId: guard, cpvCode: '35815100-1', quantity: 500, amount: '250000', quarter: '2027-Q4', joint: false });
      other = { guard, uav: uav.need.id, vests: vests.need.id };
    });

    const list = async (filter: Record<string, unknown>, first = 100) =>
      (await server.ok<any>(LIST, { filter, first }, policeOfficer)).needs;

    it('filters by CPV prefix, country, status, approach, joint procurement and organisation', async () => {
      const all = await list({});
      expect(all.totalCount).toBe(all.edges.length);
      const ids = (connection: any) => connection.edges.map((edge: any) => edge.node.id);

      const uavs = await list({ cpvPrefix: '356' });
      expect(uavs.edges.every((edge: any) => edge.node.cpv.code.startsWith('356'))).toBe(true);
      expect(ids(uavs)).toContain(other['uav']);
      expect(ids(await list({ cpvPrefix: '35613000' }))).toEqual(ids(uavs));
      expect(ids(await list({ country: 'pl' }))).toEqual([other['uav'], other['vests']]);
      expect(ids(await list({ organisationId: other['guard'] }))).toEqual([other['uav'], other['vests']]);
      expect(ids(await list({ approach: 'PCP' }))).toEqual([other['uav']]);
      expect(ids(await list({ country: 'PL', openToJointProcurement: false }))).toEqual([other['vests']]);
      const withdrawn = await list({ status: 'WITHDRAWN' });
      expect(withdrawn.totalCount).toBeGreaterThan(0);
      expect(withdrawn.edges.every((edge: any) => edge.node.status === 'WITHDRAWN')).toBe(true);
      expect((await list({ status: 'OPEN' })).totalCount + withdrawn.totalCount).toBe(all.totalCount);
      expect((await list({ country: 'SK' })).totalCount).toBe(0);

      const badPrefix = await server.graphql(LIST, { filter: { cpvPrefix: '35-6' } }, policeOfficer);
      expect([codeOf(badPrefix), fieldOf(badPrefix)]).toEqual(['BAD_USER_INPUT', 'filter.cpvPrefix']);
      const badCountry = await server.graphql(LIST, { filter: { country: 'XX' } }, policeOfficer);
      expect([codeOf(badCountry), fieldOf(badCountry)]).toEqual(['BAD_USER_INPUT', 'filter.country']);
    });

    it('pages through needs with cursors, in declaration order', async () => {
      const all = await list({});
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: any = (await server.ok<any>(LIST, { first: 3, after }, policeOfficer)).needs;
        seen.push(...page.edges.map((edge: any) => edge.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(all.edges.map((edge: any) => edge.node.id));
      expect(codeOf(await server.graphql(LIST, { first: 3, after: 'garbage' }, policeOfficer))).toBe('BAD_USER_INPUT');
    });
  });

  it('resolves organisations and their members in a bounded number of SQL statements, whatever the page size', async () => {
    for (let o = 0; o < 5; o += 1) {
      const organisation = await network.organisation(`Polícia ${o}`, 'PT', 'LAW_ENFORCEMENT');
      const token = await network.member(`pt-officer-${o}`, organisation, 'PT');
      await network.member(`pt-analyst-${o}`, organisation, 'PT');
      for (let n = 0; n < 11; n += 1) {
        await declare(server, token, { organisationId: organisation, cpvCode: '35815100-1', quantity: 10 + n, amount: `${1000 + n}.50`, quarter: '2027-Q1' });
      }
    }
    const query = `query($first: Int) { needs(filter: { country: "PT" }, first: $first) {
      edges { node { id cpv { label } organisation { name members { id } needs { id } } } } } }`;
    const statementsFor = async (first: number) => {
      const db = server.runtime.readModels.db;
      const prepare = db.prepare;
      let count = 0;
      // Counts executions, not preparations: one statement run once per id (N + 1) would show.
      // Kept statements are dropped first, so every statement of the query is prepared (and
      // wrapped) anew, and dropped again after, so no wrapped one outlives the count.
      forgetPreparedStatements(db);
      db.prepare = ((...args: Parameters<typeof prepare>) => {
        const statement = prepare.apply(db, args);
        for (const method of ['all', 'get', 'run', 'iterate'] as const) {
          const original = statement[method] as (...a: unknown[]) => unknown;
          (statement as unknown as Record<string, unknown>)[method] = (...a: unknown[]) => {
            count += 1;
            return original.apply(statement, a);
          };
        }
        return statement;
      }) as typeof prepare;
      try {
        const data = await server.ok<any>(query, { first }, policeOfficer);
        expect(data.needs.edges).toHaveLength(first);
        expect(data.needs.edges[first - 1].node.organisation.members).toHaveLength(2);
        expect(data.needs.edges[first - 1].node.organisation.needs).toHaveLength(11);
      } finally {
        db.prepare = prepare;
        forgetPreparedStatements(db);
      }
      return count;
    };
    const forTen = await statementsFor(10);
    const forFifty = await statementsFor(50);
    expect(forFifty).toBe(forTen);
    // the caller's membership, count and page of needs, organisations, members, needs of organisations
    expect(forFifty).toBe(6);
  });
});

describe('needs: investment inventory and buyer-group opportunities', () => {
  let server: ConcordServer;
  let network: Network;
  let reader: string;
  const ids: Record<string, string> = {};
  const orgs: Record<string, string> = {};

  const INVENTORY = `query($groupBy: [InventoryDimension!]!, $filter: NeedFilter) {
    investmentInventory(groupBy: $groupBy, filter: $filter) { key needCount organisationCount totalQuantity totalBudget { amount currency } } }`;
  const OPPORTUNITIES = `query($minCountries: Int) {
    buyerGroupOpportunities(minCountries: $minCountries) { cpvGroup countries needs { id organisation { country } } totalBudget { amount currency } } }`;
  const eur = (amount: string) => ({ amount, currency: 'EUR' });

  beforeAll(async () => {
    server = await ConcordServer.start();
    network = await Network.of(server);
    const tokens: Record<string, string> = {};
    for (const [key, name, country, kind] of [
      ['frPolice', 'Police nationale', 'FR', 'LAW_ENFORCEMENT'],
      ['frBorder', 'Police aux frontières', 'FR', 'BORDER_GUARD'],
      ['skPolice', 'Policajný zbor Slovenskej republiky', 'SK', 'LAW_ENFORCEMENT'],
      ['bgBorder', 'Гранична полиция (Border Police)', 'BG', 'BORDER_GUARD'],
      ['eePolice', 'Politsei- ja Piirivalveamet', 'EE', 'LAW_ENFORCEMENT'],
    ] as const) {
      orgs[key] = await network.organisation(name, country, kind);
      tokens[key] = await network.member(`officer-${key}`, orgs[key]!, country);
    }
    reader = tokens['frPolice']!;
    const needs: Array<[string, string, Omit<NeedInput, 'organisationId'>]> = [
      ['A', 'frPolice', { cpvCode: '35124000-9', quantity: 10, amount: '100000.10', quarter: '2027-Q1' }],
      ['B', 'frBorder', { cpvCode: '35124000-9', quantity: 5, amount: '50000.25', quarter: '2027-Q3' }],
      ['C', 'skPolice', { cpvCode: '35125000-6', quantity: 3, amount: '30000.05', quarter: '2028-Q2', approach: 'PPI' }],
      ['C2', 'bgBorder', { cpvCode: '35121700-5', quantity: 8, amount: '12000.60', quarter: '2027-Q2' }],
      ['D', 'bgBorder', { cpvCode: '35613000-4', quantity: 4, amount: '400000', quarter: '2027-Q4', approach: 'PCP' }],
      ['D2', 'bgBorder', { cpvCode: '35613000-4', quantity: 6, amount: '120000.50', currency: 'BGN', quarter: '2028-Q1', approach: 'PCP' }],
      ['E', 'eePolice', { cpvCode: '35613100-5', quantity: 1, amount: '250000', quarter: '2028-Q1', approach: 'INNOVATION_PARTNERSHIP' }],
      ['F', 'frPolice', { cpvCode: '35815100-1', quantity: 100, amount: '45000.10', quarter: '2027-Q2' }],
      ['G', 'skPolice', { cpvCode: '35815100-1', quantity: 200, amount: '90000.20', quarter: '2027-Q2' }],
      ['H', 'bgBorder', { cpvCode: '35815100-1', quantity: 50, amount: '22500.30', quarter: '2027-Q2' }],
      ['J', 'eePolice', { cpvCode: '35124000-9', quantity: 7, amount: '70000.00', quarter: '2027-Q4', joint: false }],
    ];
    for (const [name, org, need] of needs) {
      ids[name] = (await declare(server, tokens[org]!, { ...need, organisationId: orgs[org]! })).need.id;
    }
    await server.ok(WITHDRAW, { id: ids['H'], reason: 'Bought under a national contract' }, tokens['bgBorder']!);
    // Pooled the way clients pool: a buyer group proposed with the need.
    await server.ok(
      `mutation($input: ProposeBuyerGroupInput!) { proposeBuyerGroup(input: $input) { version } }`,
      { input: { id: 'bg-vests', name: 'Soft armour 2027', description: 'Joint purchase of vests', cpvCode: '35815100-1', proposingOrganisationId: orgs['skPolice'], needIds: [ids['G']] } },
      tokens['skPolice']!,
    );
  });
  afterAll(async () => {
    await server.stop();
  });

  const inventory = async (groupBy: string[], filter?: Record<string, unknown>) =>
    (await server.ok<any>(INVENTORY, { groupBy, filter }, reader)).investmentInventory;

  it('sees the pooled need as POOLED', async () => {
    expect((await server.ok<any>(NEED_QUERY, { id: ids['G'] }, reader)).need.status).toBe('POOLED');
  });

  it('sums open and pooled needs by CPV group, exactly, one total per currency', async () => {
    expect(await inventory(['CPV_GROUP'])).toEqual([
      { key: ['351'], needCount: 5, organisationCount: 5, totalQuantity: 33, totalBudget: [eur('262001.00')] },
      { key: ['356'], needCount: 3, organisationCount: 2, totalQuantity: 11, totalBudget: [{ amount: '120000.50', currency: 'BGN' }, eur('650000.00')] },
      { key: ['358'], needCount: 2, organisationCount: 2, totalQuantity: 300, totalBudget: [eur('135000.30')] },
    ]);
  });

  it('sums by country and target year, in that order', async () => {
    expect(await inventory(['COUNTRY', 'TARGET_YEAR'])).toEqual([
      { key: ['BG', '2027'], needCount: 2, organisationCount: 1, totalQuantity: 12, totalBudget: [eur('412000.60')] },
      { key: ['BG', '2028'], needCount: 1, organisationCount: 1, totalQuantity: 6, totalBudget: [{ amount: '120000.50', currency: 'BGN' }] },
      { key: ['EE', '2027'], needCount: 1, organisationCount: 1, totalQuantity: 7, totalBudget: [eur('70000.00')] },
      { key: ['EE', '2028'], needCount: 1, organisationCount: 1, totalQuantity: 1, totalBudget: [eur('250000.00')] },
      { key: ['FR', '2027'], needCount: 3, organisationCount: 2, totalQuantity: 115, totalBudget: [eur('195000.45')] },
      { key: ['SK', '2027'], needCount: 1, organisationCount: 1, totalQuantity: 200, totalBudget: [eur('90000.20')] },
      { key: ['SK', '2028'], needCount: 1, organisationCount: 1, totalQuantity: 3, totalBudget: [eur('30000.05')] },
    ]);
    const reversed = await inventory(['TARGET_YEAR', 'COUNTRY']);
    expect(reversed.map((entry: any) => entry.key)).toEqual([
      ['2027', 'BG'], ['2027', 'EE'], ['2027', 'FR'], ['2027', 'SK'], ['2028', 'BG'], ['2028', 'EE'], ['2028', 'SK'],
    ]);
  });

  it('sums by approach and CPV division', async () => {
    expect(await inventory(['APPROACH', 'CPV_DIVISION'])).toEqual([
      { key: ['INNOVATION_PARTNERSHIP', '35'], needCount: 1, organisationCount: 1, totalQuantity: 1, totalBudget: [eur('250000.00')] },
      { key: ['PCP', '35'], needCount: 2, organisationCount: 1, totalQuantity: 10, totalBudget: [{ amount: '120000.50', currency: 'BGN' }, eur('400000.00')] },
      { key: ['PPI', '35'], needCount: 1, organisationCount: 1, totalQuantity: 3, totalBudget: [eur('30000.05')] },
      { key: ['STANDARD', '35'], needCount: 6, organisationCount: 5, totalQuantity: 330, totalBudget: [eur('367001.25')] },
    ]);
  });

  it('applies the filter, counts withdrawn needs only when asked, and totals everything with no dimension', async () => {
    expect(await inventory([], { country: 'FR' })).toEqual([
      { key: [], needCount: 3, organisationCount: 2, totalQuantity: 115, totalBudget: [eur('195000.45')] },
    ]);
    expect(await inventory(['CPV_GROUP', 'COUNTRY'], { status: 'WITHDRAWN' })).toEqual([
      { key: ['358', 'BG'], needCount: 1, organisationCount: 1, totalQuantity: 50, totalBudget: [eur('22500.30')] },
    ]);
    expect(await inventory(['COUNTRY'], { status: 'POOLED' })).toEqual([
      { key: ['SK'], needCount: 1, organisationCount: 1, totalQuantity: 200, totalBudget: [eur('90000.20')] },
    ]);
    expect(await inventory(['CPV_GROUP'], { cpvPrefix: '356130', openToJointProcurement: true })).toEqual([
      { key: ['356'], needCount: 2, organisationCount: 1, totalQuantity: 10, totalBudget: [{ amount: '120000.50', currency: 'BGN' }, eur('400000.00')] },
    ]);
    const duplicate = await server.graphql(INVENTORY, { groupBy: ['COUNTRY', 'COUNTRY'] }, reader);
    expect([codeOf(duplicate), fieldOf(duplicate)]).toEqual(['BAD_USER_INPUT', 'groupBy']);
  });

  it('finds buyer-group opportunities across at least two, then three countries', async () => {
    const two = (await server.ok<any>(OPPORTUNITIES, { minCountries: 2 }, reader)).buyerGroupOpportunities;
    expect(two.map((o: any) => [o.cpvGroup, o.countries, o.totalBudget])).toEqual([
      ['351', ['BG', 'FR', 'SK'], [eur('192001.00')]],
      ['356', ['BG', 'EE'], [{ amount: '120000.50', currency: 'BGN' }, eur('650000.00')]],
    ]);
    // J is not open to joint procurement; G is pooled already; H is withdrawn: none of them is offered.
    expect(two[0].needs.map((need: any) => need.id).sort()).toEqual([ids['A'], ids['B'], ids['C'], ids['C2']].sort());
    expect(two[1].needs.map((need: any) => need.id).sort()).toEqual([ids['D'], ids['D2'], ids['E']].sort());
    expect((await server.ok<any>(`{ buyerGroupOpportunities { cpvGroup } }`, {}, reader)).buyerGroupOpportunities).toEqual([
      { cpvGroup: '351' },
      { cpvGroup: '356' },
    ]);

    const three = (await server.ok<any>(OPPORTUNITIES, { minCountries: 3 }, reader)).buyerGroupOpportunities;
    expect(three.map((o: any) => [o.cpvGroup, o.countries])).toEqual([['351', ['BG', 'FR', 'SK']]]);
    expect((await server.ok<any>(OPPORTUNITIES, { minCountries: 4 }, reader)).buyerGroupOpportunities).toEqual([]);
    const zero = await server.graphql(OPPORTUNITIES, { minCountries: 0 }, reader);
    expect([codeOf(zero), fieldOf(zero)]).toEqual(['BAD_USER_INPUT', 'minCountries']);
  });

  it('lists an organisation’s needs, by status when asked', async () => {
    const data = await server.ok<any>(
      `query($id: ID!) { organisation(id: $id) { all: needs { id } withdrawn: needs(status: WITHDRAWN) { id status } open: needs(status: OPEN) { id } } }`,
      { id: orgs['bgBorder'] },
      reader,
    );
    expect(data.organisation.all.map((need: any) => need.id)).toEqual([ids['C2'], ids['D'], ids['D2'], ids['H']]);
    expect(data.organisation.withdrawn).toEqual([{ id: ids['H'], status: 'WITHDRAWN' }]);
    expect(data.organisation.open.map((need: any) => need.id)).toEqual([ids['C2'], ids['D'], ids['D2']]);
  });

  it('leaves out the needs of an organisation that left the network', async () => {
    await server.ok(`mutation($id: ID!) { leaveNetwork(id: $id, reason: "reorganised") { version } }`, { id: orgs['eePolice'] }, network.admin);
    const two = (await server.ok<any>(OPPORTUNITIES, { minCountries: 2 }, reader)).buyerGroupOpportunities;
    expect(two.map((o: any) => o.cpvGroup)).toEqual(['351']);
  });
});
