import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { ConcordServer, codeOf, subscribe, type GraphQLResponse } from './support/concord-server.js';

const GROUP = `id name description cpv { code label } status countries version proposedAt establishedAt dissolvedAt dissolutionReason
  members { organisation { id country } country joinedAt needs { id status } }
  leadProcurer { id } procurementModel applicableLaw legalBasis
  agreement { version title terms termsSha256 draftedAt concluded concludedAt
    signatures { organisation { id } signedBy { id } agreementVersion signedAt } }
  procedure { noticeNumber procedureType launchedAt }
  contract { supplierName value { amount currency } awardNoticeNumber awardedAt modifications { reason description noticeNumber modifiedAt } }`;
const PAYLOAD = `version position buyerGroup { ${GROUP} }`;
const V = '$v: Int, $key: String';
const VA = 'expectedVersion: $v, idempotencyKey: $key';

const PROPOSE = `mutation($input: ProposeBuyerGroupInput!, $key: String) { proposeBuyerGroup(input: $input, idempotencyKey: $key) { ${PAYLOAD} } }`;
const JOIN = `mutation($id: ID!, $org: ID!, $needIds: [ID!], ${V}) { joinBuyerGroup(id: $id, organisationId: $org, needIds: $needIds, ${VA}) { ${PAYLOAD} } }`;
const LEAVE = `mutation($id: ID!, $org: ID!, $reason: String!, ${V}) { leaveBuyerGroup(id: $id, organisationId: $org, reason: $reason, ${VA}) { ${PAYLOAD} } }`;
const LEAD = `mutation($id: ID!, $org: ID!, ${V}) { designateLeadProcurer(id: $id, organisationId: $org, ${VA}) { ${PAYLOAD} } }`;
const MODEL = `mutation($id: ID!, $model: JointProcurementModel!, $law: String!, $basis: LegalBasis!, ${V}) {
  chooseProcurementModel(id: $id, model: $model, applicableLaw: $law, legalBasis: $basis, ${VA}) { ${PAYLOAD} } }`;
const DRAFT = `mutation($id: ID!, $title: String!, $terms: String!, ${V}) { draftAgreement(id: $id, title: $title, terms: $terms, ${VA}) { ${PAYLOAD} } }`;
const SIGN = `mutation($id: ID!, $org: ID!, $agreementVersion: Int!, ${V}) {
  signAgreement(id: $id, organisationId: $org, agreementVersion: $agreementVersion, ${VA}) { ${PAYLOAD} } }`;
const LAUNCH = `mutation($id: ID!, $notice: String!, $type: String!, ${V}) { launchProcedure(id: $id, noticeNumber: $notice, procedureType: $type, ${VA}) { ${PAYLOAD} } }`;
const AWARD = `mutation($id: ID!, $supplier: String!, $value: MoneyInput!, $notice: String!, ${V}) {
  awardContract(id: $id, supplierName: $supplier, value: $value, awardNoticeNumber: $notice, ${VA}) { ${PAYLOAD} } }`;
const MODIFY = `mutation($id: ID!, $reason: String!, $description: String!, $notice: String, ${V}) {
  modifyContract(id: $id, reason: $reason, description: $description, noticeNumber: $notice, ${VA}) { ${PAYLOAD} } }`;
const DISSOLVE = `mutation($id: ID!, $reason: String!, ${V}) { dissolveBuyerGroup(id: $id, reason: $reason, ${VA}) { ${PAYLOAD} } }`;
const BUYER_GROUP = `query($id: ID!, $asOf: DateTime) { buyerGroup(id: $id, asOf: $asOf) { ${GROUP} } }`;
const BUYER_GROUPS = `query($filter: BuyerGroupFilter, $first: Int, $after: String) {
  buyerGroups(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status } } } }`;
const NEED = `query($id: ID!) { need(id: $id) { id status buyerGroup { id status } } }`;
const OPPORTUNITIES = `query($min: Int) { buyerGroupOpportunities(minCountries: $min) { cpvGroup countries needs { id } } }`;
const UPDATED = `subscription($id: ID) { buyerGroupUpdated(id: $id) {
  id status version agreement { version concluded } members { organisation { id } needs { id status } } } }`;

interface Feed {
  buyerGroupUpdated: {
    id: string;
    status: string;
    version: number;
    agreement: { version: number; concluded: boolean } | null;
    members: Array<{ organisation: { id: string }; needs: Array<{ id: string; status: string }> }>;
  };
}

describe('Buyer groups over HTTP: French, Slovak and Bulgarian procurers buy metal detectors together', () => {
  let server: ConcordServer;
  let admin: string;
  let auditor: string;
  const token: Record<string, string> = {};
  const need: Record<string, string> = {};
  let client: Client;
  let feed: ReturnType<typeof subscribe<Feed>>;
  /** Versions reported by every successful change of the story group, in order. */
  const changes: number[] = [];

  const G = 'ebg-metal-detectors';
  const ORG = { fr: 'fr-police', sk: 'sk-border-police', bg: 'bg-mvr', ro: 'ro-border-police' };

  async function run(query: string, variables: Record<string, unknown>, as: string) {
    const data = await server.ok<any>(query, { id: G, ...variables }, as);
    const payload = Object.values(data)[0] as { version: number; buyerGroup: any };
    changes.push(payload.version);
    expect(payload.buyerGroup.version).toBe(payload.version);
    return payload.buyerGroup;
  }

  const group = async (id = G) => (await server.ok<any>(BUYER_GROUP, { id }, admin)).buyerGroup;
  const eventCount = async () => (await server.runtime.store.readAll()).length;

  /**
   * The refusal carries `code` (and `rule`), and neither the group nor the event log changed.
   * Takes the attempt as a thunk: the snapshot is taken before the request is even sent.
   */
  async function refused(attempt: () => Promise<GraphQLResponse>, code: string, rule?: string, id = G) {
    const [before, eventsBefore] = [(await group(id))?.version, await eventCount()];
    const response = await attempt();
    expect(codeOf(response)).toBe(code);
    if (rule) expect(response.errors?.[0]?.extensions?.['rule']).toBe(rule);
    expect((await group(id))?.version).toBe(before);
    expect(await eventCount()).toBe(eventsBefore);
    return response;
  }

  beforeAll(async () => {
    server = await ConcordServer.start();
    admin = await server.adminToken();
    auditor = await server.token('auditor', ['AUDITOR']);
    const organisations: Array<[string, string, string, string]> = [
      [ORG.fr, 'Police nationale', 'FR', 'LAW_ENFORCEMENT'],
      [ORG.sk, 'Hraničná a cudzinecká polícia', 'SK', 'BORDER_GUARD'],
      [ORG.bg, 'Министерство на вътрешните работи', 'BG', 'MINISTRY'],
      [ORG.ro, 'Poliția de Frontieră Română', 'RO', 'BORDER_GUARD'],
    ];
    for (const [id, name, country, kind] of organisations) {
      await server.ok(`mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { version } }`, { input: { id, name, country, kind } }, admin);
    }
    const members: Array<[string, string, string]> = [
      ['camille', ORG.fr, 'FR'],
      ['peter', ORG.sk, 'SK'],
      ['ivana', ORG.bg, 'BG'],
      ['andrei', ORG.ro, 'RO'],
    ];
    for (const [id, organisationId, country] of members) {
      await server.ok(
        `mutation($input: JoinCommunityInput!) { joinCommunity(input: $input) { version } }`,
        { input: { id, displayName: id, email: `${id}@example.eu`, country, organisationId } },
        admin,
      );
      token[id] = await server.token(id);
    }
    const declare = async (key: string, as: string, organisationId: string, cpvCode: string, quantity: number, amount: string) => {
      const data = await server.ok<any>(
        `mutation($input: DeclareNeedInput!) { declareNeed(input: $input) { need { id } } }`,
        {
          input: {
            organisationId,
            title: `${cpvCode} for ${organisationId}`,
            description: 'Walk-through metal detectors for border crossing points',
            cpvCode,
            quantity,
            unit: 'piece',
            estimatedBudget: { amount, currency: 'EUR' },
            targetQuarter: '2027-Q3',
            approach: 'STANDARD',
            openToJointProcurement: true,
          },
        },
        token[as]!,
      );
      need[key] = data.declareNeed.need.id;
    };
    await declare('fr', 'camille', ORG.fr, '35124000-9', 40, '480000.00');
    await declare('sk', 'peter', ORG.sk, '35124000-9', 12, '150000.00');
    await declare('bg', 'ivana', ORG.bg, '35124000-9', 25, '300000.00');
    await declare('ro', 'andrei', ORG.ro, '35124000-9', 10, '120000.00');
    await declare('frUav', 'camille', ORG.fr, '35613000-4', 5, '900000.00');
  });

  afterAll(async () => {
    await client?.dispose();
    await server.stop();
  });

  it('a member subscribes to the group before it exists', async () => {
    client = server.wsClient(token['peter']);
    feed = subscribe<Feed>(client, UPDATED, { id: G });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(feed.errors).toEqual([]);
  });

  it('the inventory shows the opportunity: open metal-detector needs of four countries', async () => {
    const { buyerGroupOpportunities } = await server.ok<any>(OPPORTUNITIES, { min: 2 }, token['camille']!);
    const detectors = buyerGroupOpportunities.find((o: any) => o.cpvGroup === '351');
    expect(detectors.countries).toEqual(['BG', 'FR', 'RO', 'SK']);
  });

  it('France proposes the group with its need, which is then POOLED and leaves the opportunities', async () => {
    const proposed = await run(
      PROPOSE,
      {
        input: {
          id: G,
          name: 'Walk-through metal detectors for border crossings',
          description: 'Joint purchase of 77 walk-through metal detectors',
          cpvCode: '35124000-9',
          proposingOrganisationId: ORG.fr,
          needIds: [need['fr']],
        },
      },
      token['camille']!,
    );
    expect(proposed).toMatchObject({
      status: 'PROPOSED',
      cpv: { code: '35124000-9', label: 'Metal detectors' },
      countries: ['FR'],
      members: [{ organisation: { id: ORG.fr, country: 'FR' }, country: 'FR', needs: [{ id: need['fr'], status: 'POOLED' }] }],
      leadProcurer: null,
      agreement: null,
      version: 1,
    });
    expect((await server.ok<any>(NEED, { id: need['fr'] }, token['peter']!)).need).toEqual({
      id: need['fr'],
      status: 'POOLED',
      buyerGroup: { id: G, status: 'PROPOSED' },
    });
    const { buyerGroupOpportunities } = await server.ok<any>(OPPORTUNITIES, { min: 1 }, token['peter']!);
    const ids = buyerGroupOpportunities.flatMap((o: any) => o.needs.map((n: any) => n.id));
    expect(ids).not.toContain(need['fr']);
    expect(ids).toContain(need['sk']);
  });

  it('a pooled need keeps its CPV code, stays open to joint procurement and cannot be withdrawn, recording nothing', async () => {
    const AMEND_NEED = `mutation($id: ID!, $changes: AmendNeedInput!) { amendNeed(id: $id, changes: $changes) { version need { quantity status } } }`;
    const WITHDRAW_NEED = `mutation($id: ID!, $reason: String!) { withdrawNeed(id: $id, reason: $reason) { version } }`;
    const pooled = async () =>
      (await server.ok<any>(`query($id: ID!) { need(id: $id) { version status cpv { code } openToJointProcurement buyerGroup { id } } }`, { id: need['fr'] }, admin)).need;
    const before = await pooled();
    // Declared, then pooled: both on the need's own stream.
    expect(before).toEqual({ version: 2, status: 'POOLED', cpv: { code: '35124000-9' }, openToJointProcurement: true, buyerGroup: { id: G } });
    const amend = (changes: Record<string, unknown>) => () => server.graphql(AMEND_NEED, { id: need['fr'], changes }, token['camille']!);
    // Another code of the same CPV group (351) would still fit the group: the code is fixed all the same.
    await refused(amend({ cpvCode: '35125100-7' }), 'DOMAIN_RULE_VIOLATED', 'pooled-need-cpv-fixed');
    await refused(amend({ openToJointProcurement: false }), 'DOMAIN_RULE_VIOLATED', 'pooled-need-stays-joint');
    await refused(amend({ quantity: 41, cpvCode: '35125100-7' }), 'DOMAIN_RULE_VIOLATED', 'pooled-need-cpv-fixed');
    await refused(
      () => server.graphql(WITHDRAW_NEED, { id: need['fr'], reason: 'Bought under a national contract' }, token['camille']!),
      'DOMAIN_RULE_VIOLATED',
      'pooled-need-not-withdrawable',
    );
    expect(await pooled()).toEqual(before);
    // The rules are about the code, joint procurement and withdrawal only: other details may change.
    const amended = (await server.ok<any>(AMEND_NEED, { id: need['fr'], changes: { quantity: 41 } }, token['camille']!)).amendNeed;
    expect(amended).toEqual({ version: 3, need: { quantity: 41, status: 'POOLED' } });
  });

  it('refuses bad input, unknown references and broken pooling rules, recording nothing', async () => {
    const input = { name: 'X', description: 'Y', cpvCode: '35124000-9', proposingOrganisationId: ORG.sk };
    const propose = (changes: Record<string, unknown>, as = token['peter']!) =>
      server.graphql(PROPOSE, { input: { ...input, ...changes } }, as);
    const before = await eventCount();
    expect(codeOf(await propose({ cpvCode: '35124000-1' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await propose({ name: '  ' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await propose({ needIds: [need['sk'], need['sk']] }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await propose({ needIds: ['no-such-need'] }))).toBe('NOT_FOUND');
    expect(codeOf(await propose({ proposingOrganisationId: 'no-such-org' }))).toBe('NOT_FOUND');
    expect(codeOf(await propose({}, token['camille']!))).toBe('FORBIDDEN');
    const pooled = await propose({ proposingOrganisationId: ORG.fr, needIds: [need['fr']] }, token['camille']!);
    expect(pooled.errors?.[0]?.extensions).toMatchObject({ code: 'DOMAIN_RULE_VIOLATED', rule: 'pooled-need-not-open' });
    const foreign = await propose({ needIds: [need['bg']] });
    expect(foreign.errors?.[0]?.extensions?.['rule']).toBe('pooled-need-of-joining-organisation');
    const uav = await propose({ proposingOrganisationId: ORG.fr, needIds: [need['frUav']] }, token['camille']!);
    expect(uav.errors?.[0]?.extensions?.['rule']).toBe('pooled-need-outside-cpv-group');
    expect(codeOf(await server.graphql(JOIN, { id: 'no-such-group', org: ORG.sk }, token['peter']!))).toBe('NOT_FOUND');
    expect(codeOf(await server.graphql(`{ buyerGroups { totalCount } }`))).toBe('UNAUTHENTICATED');
    expect(await eventCount()).toBe(before);
  });

  it('Slovakia joins with its need: FORMING; France leads under a joint award by French law', async () => {
    const joined = await run(JOIN, { org: ORG.sk, needIds: [need['sk']], v: 1 }, token['peter']!);
    expect(joined).toMatchObject({ status: 'FORMING', countries: ['FR', 'SK'], version: 2 });
    await refused(() => server.graphql(LEAD, { id: G, org: ORG.ro }, token['andrei']!), 'FORBIDDEN');
    await refused(() => server.graphql(LEAD, { id: G, org: ORG.ro }, token['camille']!), 'DOMAIN_RULE_VIOLATED', 'lead-must-be-member');
    const led = await run(LEAD, { org: ORG.fr, v: 2 }, token['camille']!);
    expect(led.leadProcurer).toEqual({ id: ORG.fr });
    await refused(() => server.graphql(MODEL, { id: G, model: 'JOINT_AWARD', law: 'FR', basis: 'DIRECTIVE_2014_24_EU' }, token['peter']!), 'FORBIDDEN');
    await refused(() => server.graphql(MODEL, { id: G, model: 'JOINT_AWARD', law: 'XX', basis: 'DIRECTIVE_2014_24_EU' }, token['camille']!), 'BAD_USER_INPUT');
    await refused(
      () => server.graphql(MODEL, { id: G, model: 'JOINT_AWARD', law: 'DE', basis: 'DIRECTIVE_2014_24_EU' }, token['camille']!),
      'DOMAIN_RULE_VIOLATED',
      'applicable-law-of-member-country',
    );
    const model = await run(MODEL, { model: 'JOINT_AWARD', law: 'fr', basis: 'DIRECTIVE_2014_24_EU', v: 3 }, token['camille']!);
    expect(model).toMatchObject({ procurementModel: 'JOINT_AWARD', applicableLaw: 'FR', legalBasis: 'DIRECTIVE_2014_24_EU' });
  });

  it('France drafts the agreement; the terms are hashed with SHA-256', async () => {
    const terms = 'Art. 1 Parties: Police nationale (lead), Hraničná a cudzinecká polícia.\nArt. 2 Law: French law applies.';
    const drafted = await run(DRAFT, { title: 'Joint procurement agreement', terms, v: 4 }, token['camille']!);
    expect(drafted.agreement).toMatchObject({
      version: 1,
      terms,
      termsSha256: createHash('sha256').update(terms, 'utf8').digest('hex'),
      signatures: [],
      concluded: false,
      concludedAt: null,
    });
  });

  it('two members sign with the same expectedVersion at once: one wins, the other gets CONFLICT and retries', async () => {
    const [fr, sk] = await Promise.all([
      server.graphql<any>(SIGN, { id: G, org: ORG.fr, agreementVersion: 1, v: 5 }, token['camille']!),
      server.graphql<any>(SIGN, { id: G, org: ORG.sk, agreementVersion: 1, v: 5 }, token['peter']!),
    ]);
    const results = [fr, sk];
    expect(results.map(codeOf).sort()).toEqual([undefined, 'CONFLICT'].sort());
    const loser = fr.errors ? { org: ORG.fr, as: token['camille']!, error: fr.errors[0]! } : { org: ORG.sk, as: token['peter']!, error: sk.errors![0]! };
    expect(loser.error.extensions).toMatchObject({ code: 'CONFLICT', expected: 5, actual: 6 });
    changes.push(6);
    const retried = await run(SIGN, { org: loser.org, agreementVersion: 1, v: 6 }, loser.as);
    // The second signature concludes the agreement: AgreementSigned and AgreementConcluded, version 8.
    expect(retried).toMatchObject({ status: 'ESTABLISHED', version: 8, agreement: { version: 1, concluded: true } });
    expect(retried.establishedAt).not.toBeNull();
    expect(retried.agreement.signatures.map((s: any) => s.organisation.id).sort()).toEqual([ORG.fr, ORG.sk].sort());
    await refused(() => server.graphql(SIGN, { id: G, org: ORG.sk, agreementVersion: 1 }, token['peter']!), 'DOMAIN_RULE_VIOLATED', 'already-signed');
  });

  it('Bulgaria joins late: the signatures are void and the group falls back to FORMING', async () => {
    const joined = await run(JOIN, { org: ORG.bg, needIds: [need['bg']], v: 8 }, token['ivana']!);
    expect(joined).toMatchObject({
      status: 'FORMING',
      establishedAt: null,
      countries: ['BG', 'FR', 'SK'],
      agreement: { version: 1, signatures: [], concluded: false },
      version: 10,
    });
    expect(joined.members.map((m: any) => m.organisation.id)).toEqual([ORG.fr, ORG.sk, ORG.bg]);
  });

  it('a member that is not the lead is refused every lead-only step; nobody joins, leaves or signs for another organisation', async () => {
    const asSk = token['peter']!;
    await refused(() => server.graphql(LEAD, { id: G, org: ORG.sk }, asSk), 'FORBIDDEN');
    await refused(() => server.graphql(MODEL, { id: G, model: 'JOINT_AWARD', law: 'SK', basis: 'DIRECTIVE_2014_24_EU' }, asSk), 'FORBIDDEN');
    await refused(() => server.graphql(DRAFT, { id: G, title: 'Mine', terms: 'Slovak terms' }, asSk), 'FORBIDDEN');
    await refused(() => server.graphql(LAUNCH, { id: G, notice: '2027/S 045-123456', type: 'OPEN' }, asSk), 'FORBIDDEN');
    await refused(
      () => server.graphql(AWARD, { id: G, supplier: 'X', value: { amount: '1', currency: 'EUR' }, notice: '123456-2027' }, asSk),
      'FORBIDDEN',
    );
    await refused(() => server.graphql(MODIFY, { id: G, reason: 'x', description: 'y' }, asSk), 'FORBIDDEN');
    await refused(() => server.graphql(DISSOLVE, { id: G, reason: 'x' }, asSk), 'FORBIDDEN');
    // An outsider signs neither for itself nor for a member.
    await refused(() => server.graphql(SIGN, { id: G, org: ORG.ro, agreementVersion: 1 }, token['andrei']!), 'DOMAIN_RULE_VIOLATED', 'only-members-sign');
    await refused(() => server.graphql(SIGN, { id: G, org: ORG.fr, agreementVersion: 1 }, token['andrei']!), 'FORBIDDEN');
    await refused(() => server.graphql(LEAVE, { id: G, org: ORG.ro, reason: 'x' }, token['andrei']!), 'DOMAIN_RULE_VIOLATED', 'only-members-leave');
    // Joining and leaving are for members of that organisation: the rules would let Romania join
    // with its open need and Bulgaria leave, so only the role table refuses these.
    await refused(() => server.graphql(JOIN, { id: G, org: ORG.ro, needIds: [need['ro']] }, token['camille']!), 'FORBIDDEN');
    await refused(() => server.graphql(LEAVE, { id: G, org: ORG.bg, reason: 'Budget cut' }, asSk), 'FORBIDDEN');
  });

  it('France redrafts to version 2; all three sign it and the group is ESTABLISHED', async () => {
    const terms = 'Art. 1 Parties: Police nationale (lead), Hraničná a cudzinecká polícia, МВР.\nArt. 2 Law: French law applies.';
    const redrafted = await run(DRAFT, { title: 'Joint procurement agreement', terms, v: 10 }, token['camille']!);
    expect(redrafted.agreement).toMatchObject({ version: 2, signatures: [], concluded: false });
    await refused(() => server.graphql(SIGN, { id: G, org: ORG.sk, agreementVersion: 1 }, token['peter']!), 'DOMAIN_RULE_VIOLATED', 'sign-current-version');
    await run(SIGN, { org: ORG.fr, agreementVersion: 2, v: 11 }, token['camille']!);
    const sk = await run(SIGN, { org: ORG.sk, agreementVersion: 2, v: 12 }, token['peter']!);
    expect(sk).toMatchObject({ status: 'FORMING', agreement: { concluded: false } });
    await refused(() => server.graphql(LAUNCH, { id: G, notice: '2027/S 045-123456', type: 'OPEN' }, token['camille']!), 'DOMAIN_RULE_VIOLATED', 'launch-requires-concluded-agreement');
    const established = await run(SIGN, { org: ORG.bg, agreementVersion: 2, v: 13 }, token['ivana']!);
    expect(established).toMatchObject({ status: 'ESTABLISHED', version: 15, agreement: { version: 2, concluded: true } });
    expect(established.agreement.signatures).toEqual([
      expect.objectContaining({ organisation: { id: ORG.fr }, signedBy: { id: 'camille' }, agreementVersion: 2 }),
      expect.objectContaining({ organisation: { id: ORG.sk }, signedBy: { id: 'peter' }, agreementVersion: 2 }),
      expect.objectContaining({ organisation: { id: ORG.bg }, signedBy: { id: 'ivana' }, agreementVersion: 2 }),
    ]);
    expect(established.establishedAt).toBe(established.agreement.concludedAt);
  });

  it('the lead launches the procedure with an OJ S number; nobody leaves after that', async () => {
    for (const notice of ['2027/S 45-123456', '2027/S 000-123456', '153167/2021', 'TED-2027-1']) {
      await refused(() => server.graphql(LAUNCH, { id: G, notice, type: 'OPEN' }, token['camille']!), 'BAD_USER_INPUT');
    }
    const launched = await run(LAUNCH, { notice: '2027/S 045-123456', type: 'OPEN', v: 15 }, token['camille']!);
    expect(launched).toMatchObject({ status: 'PROCURING', procedure: { noticeNumber: '2027/S 045-123456', procedureType: 'OPEN' } });
    await refused(() => server.graphql(LEAVE, { id: G, org: ORG.bg, reason: 'budget' }, token['ivana']!), 'DOMAIN_RULE_VIOLATED', 'no-leaving-after-launch');
  });

  it('the lead awards the contract with an eForms number, then modifies it', async () => {
    const award = { supplier: 'Detectra SA', value: { amount: '1010000', currency: 'eur' } };
    await refused(() => server.graphql(AWARD, { id: G, ...award, notice: '123456-2027' }, token['camille']!), 'DOMAIN_RULE_VIOLATED', 'notice-number-already-used');
    await refused(() => server.graphql(AWARD, { id: G, ...award, value: { amount: '0', currency: 'EUR' }, notice: '654321-2027' }, token['camille']!), 'BAD_USER_INPUT');
    await refused(() => server.graphql(AWARD, { id: G, ...award, value: { amount: '10', currency: 'XYZ' }, notice: '654321-2027' }, token['camille']!), 'BAD_USER_INPUT');
    const awarded = await run(AWARD, { ...award, notice: '654321-2027', v: 16 }, token['camille']!);
    expect(awarded).toMatchObject({
      status: 'CONTRACTED',
      contract: { supplierName: 'Detectra SA', value: { amount: '1010000.00', currency: 'EUR' }, awardNoticeNumber: '654321-2027', modifications: [] },
    });
    const modified = await run(
      MODIFY,
      { reason: 'Art. 72(1)(b): additional deliveries', description: 'Ten more detectors for Kapitan Andreevo', notice: '700123-2028', v: 17 },
      token['camille']!,
    );
    expect(modified.status).toBe('CONTRACTED');
    expect(modified.contract.modifications).toEqual([
      expect.objectContaining({ reason: 'Art. 72(1)(b): additional deliveries', noticeNumber: '700123-2028' }),
    ]);
    await refused(() => server.graphql(DISSOLVE, { id: G, reason: 'x' }, admin), 'DOMAIN_RULE_VIOLATED', 'dissolve-not-after-contracted');
  });

  it('the subscriber received the group once per change, in order', async () => {
    const received = await feed.waitFor(changes.length);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(feed.errors).toEqual([]);
    expect(received.map((m) => m.buyerGroupUpdated.version)).toEqual(changes);
    expect(received.map((m) => m.buyerGroupUpdated.status)).toEqual([
      'PROPOSED', // proposed
      'FORMING', // Slovakia joined
      'FORMING', // lead
      'FORMING', // model
      'FORMING', // draft v1
      'FORMING', // first signature
      'ESTABLISHED', // second signature concludes
      'FORMING', // Bulgaria joined, signatures void
      'FORMING', // draft v2
      'FORMING',
      'FORMING',
      'ESTABLISHED', // last signature
      'PROCURING',
      'CONTRACTED',
      'CONTRACTED', // modification
    ]);
  });

  it('the members’ needs stay POOLED in the contracted group and organisations list their groups', async () => {
    const data = await server.ok<any>(
      `query($id: ID!) { organisation(id: $id) { buyerGroups { id status } } }`,
      { id: ORG.bg },
      token['andrei']!,
    );
    expect(data.organisation.buyerGroups).toEqual([{ id: G, status: 'CONTRACTED' }]);
    expect((await server.ok<any>(NEED, { id: need['bg'] }, token['andrei']!)).need).toMatchObject({ status: 'POOLED', buyerGroup: { id: G } });
  });

  it('time travel shows the group as it was, for auditors only', async () => {
    const history = await server.runtime.store.readStream(`buyer-group-${G}`);
    const afterBulgaria = String(history[9]!.metadata['recordedAt']);
    const past = (await server.ok<any>(BUYER_GROUP, { id: G, asOf: afterBulgaria }, auditor)).buyerGroup;
    expect(past).toMatchObject({ version: 10, status: 'FORMING', agreement: { version: 1, signatures: [] }, procedure: null });
    expect(codeOf(await server.graphql(BUYER_GROUP, { id: G, asOf: afterBulgaria }, token['peter']!))).toBe('FORBIDDEN');
  });

  describe('leaving and dissolving return the needs to the inventory', () => {
    const S = 'ebg-detectors-south';

    it('Bulgaria and Romania pool their other needs; Romania leaves, then the lead dissolves the group', async () => {
      const declare = async (as: string, organisationId: string) =>
        (
          await server.ok<any>(
            `mutation($input: DeclareNeedInput!) { declareNeed(input: $input) { need { id } } }`,
            {
              input: {
                organisationId,
                title: 'Sensors',
                description: 'Sensors for detector gates',
                cpvCode: '35125100-7',
                quantity: 8,
                unit: 'piece',
                estimatedBudget: { amount: '64000', currency: 'EUR' },
                targetQuarter: '2028-Q1',
                approach: 'STANDARD',
                openToJointProcurement: true,
              },
            },
            token[as]!,
          )
        ).declareNeed.need.id as string;
      const everyGroup = subscribe<Feed>(client, UPDATED, {});
      await new Promise((resolve) => setTimeout(resolve, 200));
      const bgSensors = await declare('ivana', ORG.bg);
      const roSensors = await declare('andrei', ORG.ro);
      const input = { id: S, name: 'Detector gate sensors', description: 'South-east', cpvCode: '35125100-7', proposingOrganisationId: ORG.bg, needIds: [bgSensors] };
      await server.ok(PROPOSE, { input }, token['ivana']!);
      await server.ok(JOIN, { id: S, org: ORG.ro, needIds: [roSensors, need['ro']] }, token['andrei']!);
      const opportunities = async () =>
        (await server.ok<any>(OPPORTUNITIES, { min: 1 }, token['andrei']!)).buyerGroupOpportunities.flatMap((o: any) => o.needs.map((n: any) => n.id));
      expect(await opportunities()).not.toEqual(expect.arrayContaining([roSensors]));
      expect(await opportunities()).not.toContain(need['ro']);

      const filtered = async (filter: Record<string, unknown>) =>
        (await server.ok<any>(BUYER_GROUPS, { filter }, token['andrei']!)).buyerGroups.edges.map((e: any) => e.node.id);
      expect(await filtered({})).toEqual([G, S]);
      expect(await filtered({ country: 'RO' })).toEqual([S]);
      expect(await filtered({ organisationId: ORG.fr })).toEqual([G]);
      expect(await filtered({ status: 'FORMING' })).toEqual([S]);
      expect(await filtered({ cpvPrefix: '35125' })).toEqual([S]);
      expect(await filtered({ cpvPrefix: '351', status: 'CONTRACTED' })).toEqual([G]);
      expect(codeOf(await server.graphql(BUYER_GROUPS, { filter: { country: 'Mars' } }, token['andrei']!))).toBe('BAD_USER_INPUT');
      const page = (await server.ok<any>(BUYER_GROUPS, { first: 1 }, token['andrei']!)).buyerGroups;
      expect(page).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
      const next = (await server.ok<any>(BUYER_GROUPS, { first: 1, after: page.pageInfo.endCursor }, token['andrei']!)).buyerGroups;
      expect(next.edges.map((e: any) => e.node.id)).toEqual([S]);

      const left = (await server.ok<any>(LEAVE, { id: S, org: ORG.ro, reason: 'Budget moved to 2029' }, token['andrei']!)).leaveBuyerGroup;
      expect(left.buyerGroup).toMatchObject({ status: 'PROPOSED', countries: ['BG'] });
      for (const id of [roSensors, need['ro']]) {
        expect((await server.ok<any>(NEED, { id }, token['andrei']!)).need).toMatchObject({ status: 'OPEN', buyerGroup: null });
      }
      expect(await opportunities()).toEqual(expect.arrayContaining([roSensors, need['ro']]));
      expect(await filtered({ organisationId: ORG.ro })).toEqual([]);

      // No lead procurer yet: neither an outsider nor the remaining member may dissolve the group; an ADMIN may.
      await refused(() => server.graphql(DISSOLVE, { id: S, reason: 'x' }, token['camille']!), 'FORBIDDEN', undefined, S);
      await refused(() => server.graphql(DISSOLVE, { id: S, reason: 'x' }, token['ivana']!), 'FORBIDDEN', undefined, S);
      const dissolved = (await server.ok<any>(DISSOLVE, { id: S, reason: 'Too few participants' }, admin)).dissolveBuyerGroup;
      expect(dissolved.buyerGroup).toMatchObject({ status: 'DISSOLVED', dissolutionReason: 'Too few participants' });
      expect(dissolved.buyerGroup.dissolvedAt).not.toBeNull();
      expect((await server.ok<any>(NEED, { id: bgSensors }, token['ivana']!)).need).toMatchObject({ status: 'OPEN', buyerGroup: null });
      expect(await opportunities()).toContain(bgSensors);
      await refused(() => server.graphql(JOIN, { id: S, org: ORG.ro }, token['andrei']!), 'DOMAIN_RULE_VIOLATED', 'buyer-group-dissolved', S);

      // Without an id the subscription follows every group: here, the four changes of this one.
      const all = await everyGroup.waitFor(4);
      expect(all.map((m) => [m.buyerGroupUpdated.id, m.buyerGroupUpdated.status, m.buyerGroupUpdated.version])).toEqual([
        [S, 'PROPOSED', 1],
        [S, 'FORMING', 2],
        [S, 'PROPOSED', 3],
        [S, 'DISSOLVED', 4],
      ]);
      // Each message reads fresh references: the need's stream recorded its pooling before the
      // group was proposed, so the first message shows it POOLED. (The release follows the
      // dissolution on the need's own stream; the need read above, after the mutation, is OPEN.)
      const bgNeedStatus = (message: Feed) => message.buyerGroupUpdated.members[0]!.needs.map((n) => [n.id, n.status]);
      expect(bgNeedStatus(all[0]!)).toEqual([[bgSensors, 'POOLED']]);
      everyGroup.dispose();
    });

    it('the story group’s subscriber heard nothing of the other group', () => {
      expect(feed.received).toHaveLength(changes.length);
    });
  });

  it('an idempotent retry returns the first result and records nothing new', async () => {
    const input = { name: 'Retry', description: 'Retry', cpvCode: '35124000-9', proposingOrganisationId: ORG.ro };
    const first = (await server.ok<any>(PROPOSE, { input, key: 'propose-once' }, token['andrei']!)).proposeBuyerGroup;
    const before = await eventCount();
    const again = (await server.ok<any>(PROPOSE, { input, key: 'propose-once' }, token['andrei']!)).proposeBuyerGroup;
    expect(again.buyerGroup.id).toBe(first.buyerGroup.id);
    expect(again.version).toBe(1);
    expect(await eventCount()).toBe(before);
  });

  it('refuses an anonymous subscription', async () => {
    const anonymous = server.wsClient();
    const denied = subscribe<Feed>(anonymous, UPDATED, { id: G });
    await expect(denied.waitFor(1, 2000)).rejects.toThrow(/subscription error/);
    expect(denied.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
    await anonymous.dispose();
  });

  describe('a group led by Bulgaria, followed through a second API instance on the same data', () => {
    const E = 'ebg-detectors-black-sea';
    let second: ConcordServer;
    let secondClient: Client;
    let everyGroup: ReturnType<typeof subscribe<Feed>>;
    const ofE = () => everyGroup.received.map((m) => m.buyerGroupUpdated).filter((g) => g.id === E);

    beforeAll(async () => {
      // Any number of API instances share one data dir: the second projects into the same
      // read-model file (events the first applied are skipped) and pushes to its own subscribers.
      second = await ConcordServer.start({ dataDir: server.dataDir });
      secondClient = second.wsClient(await second.token('andrei'));
    });

    afterAll(async () => {
      everyGroup?.dispose();
      await secondClient?.dispose();
      // Not its data dir: the first server removes it.
      await second?.stop();
    });

    it('a subscriber of the second instance hears the changes made through the first', async () => {
      everyGroup = subscribe<Feed>(secondClient, UPDATED, {});
      // Probe groups proposed through the first instance until the second one's feed is live,
      // so that none of the changes below can race the subscription.
      for (let n = 0; everyGroup.received.length === 0; n += 1) {
        expect(n).toBeLessThan(50);
        const input = { id: `ebg-probe-${n}`, name: 'Probe', description: 'Probe', cpvCode: '35124000-9', proposingOrganisationId: ORG.ro };
        await server.ok(PROPOSE, { input }, token['andrei']!);
        await until(() => everyGroup.received.length > 0 || everyGroup.errors.length > 0, 'the probe arrived', 500).catch(() => undefined);
        expect(everyGroup.errors).toEqual([]);
      }
      const input = { id: E, name: 'Detector gates for the Black Sea ports', description: 'Varna, Burgas and Constanța', cpvCode: '35124000-9', proposingOrganisationId: ORG.bg };
      expect((await server.ok<any>(PROPOSE, { input }, token['ivana']!)).proposeBuyerGroup.version).toBe(1);
      expect((await server.ok<any>(JOIN, { id: E, org: ORG.ro, v: 1 }, token['andrei']!)).joinBuyerGroup.version).toBe(2);
      expect((await server.ok<any>(LEAD, { id: E, org: ORG.bg, v: 2 }, token['ivana']!)).designateLeadProcurer.version).toBe(3);
      await until(() => ofE().length >= 3, 'three changes of the group reached the second instance');
      expect(ofE().map((g) => [g.status, g.version, g.members.map((m) => m.organisation.id)])).toEqual([
        ['PROPOSED', 1, [ORG.bg]],
        ['FORMING', 2, [ORG.bg, ORG.ro]],
        ['FORMING', 3, [ORG.bg, ORG.ro]],
      ]);
      // Both instances read the same state.
      expect((await second.ok<any>(BUYER_GROUP, { id: E }, admin)).buyerGroup).toEqual(await group(E));
    });

    it('members of the lead procurer dissolve it; members of another member organisation may not', async () => {
      await refused(() => server.graphql(DISSOLVE, { id: E, reason: 'x' }, token['andrei']!), 'FORBIDDEN', undefined, E);
      await refused(() => server.graphql(DISSOLVE, { id: E, reason: 'x' }, token['camille']!), 'FORBIDDEN', undefined, E);
      const dissolved = (await server.ok<any>(DISSOLVE, { id: E, reason: 'The ports buy nationally', v: 3 }, token['ivana']!)).dissolveBuyerGroup;
      expect(dissolved).toMatchObject({ version: 4, buyerGroup: { status: 'DISSOLVED', dissolutionReason: 'The ports buy nationally', leadProcurer: { id: ORG.bg } } });
      await until(() => ofE().length >= 4, 'the dissolution reached the second instance');
      expect(ofE().map((g) => [g.status, g.version])).toEqual([
        ['PROPOSED', 1],
        ['FORMING', 2],
        ['FORMING', 3],
        ['DISSOLVED', 4],
      ]);
      expect(everyGroup.errors).toEqual([]);
    });
  });
});

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
