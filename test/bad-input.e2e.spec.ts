import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { ConcordServer, type GraphQLResponse } from './support/concord-server.js';
import { RawGraphQLWs } from './support/raw-graphql-ws.js';

/**
 * Bad input, across the whole API: every argument of every mutation and query the server
 * serves (read from its own schema) is bent out of shape, one at a time, on top of a call that
 * would otherwise be valid. Whatever the server answers, an error carries a client code (never
 * INTERNAL_SERVER_ERROR), a refused call records nothing, and an accepted one stayed within
 * sane limits.
 */

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'DOMAIN_RULE_VIOLATED',
]);

// ── the schema as the server describes it ───────────────────────────────────────────────────

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputValue {
  name: string;
  type: TypeRef;
  defaultValue: string | null;
}
interface Field {
  name: string;
  args: InputValue[];
  type: TypeRef;
}
interface FullType {
  kind: string;
  name: string;
  fields: Field[] | null;
  inputFields: InputValue[] | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
const FIELD = `name args { name defaultValue type { ${TYPE_REF} } } type { ${TYPE_REF} }`;
const INTROSPECTION = `{ __schema {
  mutationType { fields { ${FIELD} } }
  subscriptionType { fields { ${FIELD} } }
  queryType { fields { ${FIELD} } }
  types { kind name fields { ${FIELD} } inputFields { name defaultValue type { ${TYPE_REF} } } } } }`;

const named = (ref: TypeRef): TypeRef => (ref.ofType ? named(ref.ofType) : ref);
const isList = (ref: TypeRef): boolean => ref.kind === 'LIST' || (ref.kind === 'NON_NULL' && isList(ref.ofType!));
const typeText = (ref: TypeRef): string =>
  ref.kind === 'NON_NULL' ? `${typeText(ref.ofType!)}!` : ref.kind === 'LIST' ? `[${typeText(ref.ofType!)}]` : ref.name!;

class Schema {
  private readonly types: Map<string, FullType>;

  constructor(
    readonly mutations: Map<string, Field>,
    readonly queries: Map<string, Field>,
    types: FullType[],
    readonly subscriptions: Map<string, Field> = new Map(),
  ) {
    this.types = new Map(types.map((type) => [type.name, type]));
  }

  type(name: string): FullType {
    return this.types.get(name)!;
  }

  /** Every leaf that needs no argument, objects followed `depth` levels down. */
  selection(typeName: string, depth: number): string {
    const type = this.type(typeName);
    const parts = ['__typename'];
    for (const field of type.fields ?? []) {
      if (field.args.some((arg) => arg.type.kind === 'NON_NULL' && arg.defaultValue === null)) continue;
      const target = this.type(named(field.type).name!);
      if (target.kind === 'SCALAR' || target.kind === 'ENUM') parts.push(field.name);
      else if (depth > 1) parts.push(`${field.name} { ${this.selection(target.name, depth - 1)} }`);
    }
    return parts.join(' ');
  }

  /** One operation calling `field` with every argument as a variable of the same name. */
  operation(kind: 'mutation' | 'query' | 'subscription', field: Field): string {
    const declared = field.args.map((arg) => `$${arg.name}: ${typeText(arg.type)}`).join(', ');
    const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
    const result = named(field.type).name!;
    const leaf = ['SCALAR', 'ENUM'].includes(this.type(result).kind);
    const selection = leaf ? '' : ` { ${this.selection(result, 3)} }`;
    return `${kind}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
  }
}

// ── how arguments are bent ──────────────────────────────────────────────────────────────────

type Shape =
  | 'empty'
  | 'blank'
  | 'huge'
  | 'control'
  | 'emoji'
  | 'rtl'
  | 'lone-surrogate'
  | 'ghost-id'
  | 'odd'
  | 'int'
  | 'version'
  | 'enum'
  | 'null'
  | 'empty-list'
  | 'long-list'
  | 'duplicates';

interface Variant {
  /** Where the value goes in the variables, e.g. ['input', 'estimatedBudget', 'amount']. */
  path: string[];
  shape: Shape;
  value: unknown;
}

const HUGE = 100_000;
const TEXTS: Array<[Shape, string]> = [
  ['empty', ''],
  ['blank', '   \t '],
  ['huge', 'x'.repeat(HUGE)],
  ['control', 'Police\u0000 nationale\u0001\u0007\u001b[31m\u007f\u0085'],
  ['emoji', '🚓🛂 Police 👮‍♀️ nationale 🇫🇷'],
  ['rtl', 'משטרת ישראל — الشرطة الوطنية'],
  ['lone-surrogate', 'Police \ud83d nationale'],
];
const DATE_TIMES = ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2027-02-29T10:00:00Z', '2027-03-01T10:00:00', 'yesterday'];
const DECIMALS = ['-1', '0', '0.001', '1e5', '999999999999999999999999.999999999999', 'NaN'];
const INTS = [-1, 0, 2_147_483_647];
/** Cursors this server never issued: wrong shapes, wrong kinds, absurd positions. */
const CURSORS = [
  ['x', {}],
  [1e308, null],
  ['l', 'not-a-position'],
  ['l', '99999999999999999999999999'],
  ['h', -1],
  ['h', 1e20],
].map((keys) => Buffer.from(JSON.stringify(keys), 'utf8').toString('base64url'));

function variantsOf(schema: Schema, ref: TypeRef, path: string[]): Variant[] {
  const type = schema.type(named(ref).name!);
  const name = path.at(-1)!;
  const out: Variant[] = [{ path, shape: 'null', value: null }];
  if (isList(ref)) {
    const inner = variantsOf(schema, named(ref), path).filter((variant) => variant.shape !== 'null');
    const sample = type.kind === 'ENUM' ? [] : Array.from({ length: 2_000 }, (_, index) => `entry-${index}`);
    return [
      ...out,
      { path, shape: 'empty-list', value: [] },
      ...inner.map((variant) => ({ ...variant, value: [variant.value] })),
      ...(sample.length ? [{ path, shape: 'long-list' as const, value: sample }, { path, shape: 'duplicates' as const, value: ['same', 'same'] }] : []),
    ];
  }
  if (type.kind === 'INPUT_OBJECT') {
    return [...out, ...type.inputFields!.flatMap((field) => variantsOf(schema, field.type, [...path, field.name]))];
  }
  if (type.kind === 'ENUM') return [...out, { path, shape: 'enum', value: 'NOT_A_VALUE' }];
  switch (type.name) {
    case 'Int':
      if (name === 'expectedVersion') return [...out, ...[-1, 999_999, 2_147_483_647].map((value) => ({ path, shape: 'version' as const, value }))];
      return [...out, ...INTS.map((value) => ({ path, shape: 'int' as const, value }))];
    case 'String':
    case 'ID':
    case 'DateTime':
    case 'Decimal': {
      const texts = TEXTS.map(([shape, value]) => ({ path, shape, value }));
      if (name === 'idempotencyKey') texts.push({ path, shape: 'huge', value: 'k'.repeat(1_000) });
      if (name === 'after') texts.push(...CURSORS.map((value) => ({ path, shape: 'odd' as const, value })));
      if (type.name === 'ID') texts.push({ path, shape: 'ghost-id', value: 'no-such-aggregate-0000' });
      if (type.name === 'DateTime') texts.push(...DATE_TIMES.map((value) => ({ path, shape: 'odd' as const, value })));
      if (type.name === 'Decimal') texts.push(...DECIMALS.map((value) => ({ path, shape: 'odd' as const, value })));
      return [...out, ...texts];
    }
    default:
      return out; // Boolean: the GraphQL type already says everything
  }
}

function withValue(baseline: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const variables = structuredClone(baseline);
  let target = variables as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    if (target[key] === null || typeof target[key] !== 'object' || Array.isArray(target[key])) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[path.at(-1)!] = value;
  return variables;
}

// ── the world the calls aim at ──────────────────────────────────────────────────────────────

const ORG = { fr: 'fr-police', sk: 'sk-border-police', spare: 'fr-spare' };
const NEED = { fr: 'need-fr-detectors', amend: 'need-fr-drones', sk: 'need-sk-detectors', spare: 'need-fr-spare' };
const GROUP = { main: 'ebg-detectors', spare: 'ebg-spare' };
const TOPICAL = 'tg-uav';
const DECISION = 'decision-charter';
const SPARE_DECISION = 'decision-spare';
const ACTION = 'action-charter';
const budget = (amount: string) => ({ amount, currency: 'EUR' });

type Who = 'admin' | 'camille' | 'peter' | 'lea';

/** A call each mutation would accept, or refuse only for a domain reason, with who makes it. */
function mutationBaselines(ids: { decision: string; spareDecision: string; action: string }): Record<string, [Who, Record<string, unknown>]> {
  return {
    registerOrganisation: ['admin', { input: { name: 'Direction générale des douanes', country: 'FR', kind: 'OTHER' } }],
    renameOrganisation: ['admin', { id: ORG.fr, name: 'Police nationale' }],
    leaveNetwork: ['admin', { id: ORG.spare, reason: 'merged into the national police' }],
    joinCommunity: ['admin', { input: { displayName: 'Jeanne', email: 'jeanne@example.eu', country: 'FR', organisationId: ORG.fr, expertise: ['drones'] } }],
    appointNationalContactPoint: ['admin', { country: 'FR', memberId: 'camille' }],
    eraseMemberPersonalData: ['admin', { memberId: 'spare-member' }],
    declareNeed: [
      'camille',
      {
        input: {
          organisationId: ORG.fr,
          title: 'Hand-held metal detectors',
          description: 'For airport checkpoints',
          cpvCode: '35124000-9',
          quantity: 40,
          unit: 'piece',
          estimatedBudget: budget('60000.00'),
          targetQuarter: '2027-Q3',
          approach: 'STANDARD',
          openToJointProcurement: true,
        },
      },
    ],
    amendNeed: ['camille', { id: NEED.amend, changes: { title: 'Surveillance drones', estimatedBudget: budget('250000.00') } }],
    withdrawNeed: ['camille', { id: NEED.spare, reason: 'bought alone after all' }],
    proposeBuyerGroup: [
      'camille',
      { input: { name: 'Detectors for airports', description: 'Joint purchase', cpvCode: '35124000-9', proposingOrganisationId: ORG.fr } },
    ],
    joinBuyerGroup: ['peter', { id: GROUP.main, organisationId: ORG.sk, needIds: [NEED.sk] }],
    leaveBuyerGroup: ['peter', { id: GROUP.main, organisationId: ORG.sk, reason: 'budget cut' }],
    designateLeadProcurer: ['camille', { id: GROUP.main, organisationId: ORG.fr }],
    chooseProcurementModel: ['camille', { id: GROUP.main, model: 'JOINT_AWARD', applicableLaw: 'FR', legalBasis: 'DIRECTIVE_2014_24_EU' }],
    draftAgreement: ['camille', { id: GROUP.main, title: 'Joint procurement agreement', terms: 'Art. 1 The parties buy together.' }],
    signAgreement: ['camille', { id: GROUP.main, organisationId: ORG.fr, agreementVersion: 1 }],
    launchProcedure: ['camille', { id: GROUP.main, noticeNumber: '153167-2027', procedureType: 'open procedure' }],
    awardContract: ['camille', { id: GROUP.main, supplierName: 'Detectors SA', value: budget('90000.00'), awardNoticeNumber: '200001-2027' }],
    modifyContract: ['camille', { id: GROUP.main, reason: 'more checkpoints', description: '10 more detectors', noticeNumber: '300001-2027' }],
    dissolveBuyerGroup: ['admin', { id: GROUP.spare, reason: 'no interest' }],
    createTopicalGroup: ['admin', { input: { name: 'Border surveillance', topic: 'UAV', description: 'Drones at the borders' } }],
    renameTopicalGroup: ['admin', { id: TOPICAL, name: 'UAV and border surveillance' }],
    appointTopicalGroupLeader: ['admin', { id: TOPICAL, memberId: 'camille' }],
    joinTopicalGroup: ['lea', { id: TOPICAL }],
    leaveTopicalGroup: ['lea', { id: TOPICAL }],
    recordMeeting: [
      'camille',
      { id: TOPICAL, input: { heldOn: '2026-03-01T10:00:00Z', title: 'Kick-off', minutes: 'We met and agreed a charter.', attendeeIds: ['camille', 'peter'] } },
    ],
    proposeDecision: ['peter', { id: TOPICAL, input: { title: 'Share test reports', text: 'Every member shares its test reports.', dueBy: '2027-06-01T00:00:00Z' } }],
    castVote: ['peter', { id: TOPICAL, decisionId: ids.decision, choice: 'FOR' }],
    closeDecision: ['camille', { id: TOPICAL, decisionId: ids.spareDecision }],
    assignAction: ['camille', { id: TOPICAL, input: { title: 'Collect the reports', assigneeId: 'peter', dueBy: '2027-05-01T00:00:00Z', decisionId: ids.decision } }],
    completeAction: ['peter', { id: TOPICAL, actionId: ids.action }],
  };
}

/** A call each query with arguments would answer, asked by an ADMIN. */
const QUERY_BASELINES: Record<string, Record<string, unknown>> = {
  organisation: { id: ORG.fr, asOf: '2099-01-01T00:00:00Z' },
  organisations: { country: 'FR', first: 10 },
  member: { id: 'camille', asOf: '2099-01-01T00:00:00Z' },
  need: { id: NEED.fr, asOf: '2099-01-01T00:00:00Z' },
  needs: { filter: { cpvPrefix: '351', country: 'FR', status: 'OPEN', organisationId: ORG.fr }, first: 10 },
  investmentInventory: { groupBy: ['CPV_GROUP', 'COUNTRY'], filter: { cpvPrefix: '35' } },
  buyerGroupOpportunities: { minCountries: 2 },
  buyerGroup: { id: GROUP.main, asOf: '2099-01-01T00:00:00Z' },
  buyerGroups: { filter: { status: 'PROPOSED', cpvPrefix: '351', country: 'FR', organisationId: ORG.fr }, first: 10 },
  topicalGroup: { id: TOPICAL, asOf: '2099-01-01T00:00:00Z' },
  topicalGroups: { first: 10 },
  decisions: { filter: { topicalGroupId: TOPICAL, status: 'OPEN' }, first: 10 },
  streamHistory: { streamId: `organisation-${ORG.fr}`, first: 10 },
  auditLog: { filter: { streamPrefix: 'organisation-', types: ['OrganisationRegistered'], from: '2020-01-01T00:00:00Z' }, first: 10 },
  verifyAuditTrail: { streamId: `organisation-${ORG.fr}` },
  consistencyProof: { fromSize: 1 },
  // The id of the first recorded event, known once the world is set up (see beforeAll).
  inclusionProof: { eventId: '' },
};

/** An error names the field and the problem; it does not hand a 100,000-character input back. */
const MAX_ERROR_SIZE = 2_000;

/** Free text that may legitimately be this long: agreements and meeting minutes. */
const LONG_TEXT = new Set(['draftAgreement.terms', 'recordMeeting.input.minutes']);

// ── the sweep ───────────────────────────────────────────────────────────────────────────────

interface Call {
  label: string;
  variant: Variant;
  correlationId: string;
  response: GraphQLResponse;
}

describe('bad input: every argument of every operation, bent out of shape', () => {
  let server: ConcordServer;
  let schema: Schema;
  const tokens = {} as Record<Who, string>;
  let baselines: ReturnType<typeof mutationBaselines>;

  const eventCount = async () => (await server.runtime.store.readAll()).length;

  async function ok(query: string, variables: Record<string, unknown>, who: Who): Promise<any> {
    return server.ok<any>(query, variables, tokens[who]);
  }

  /**
   * Sends the variants a few at a time. Within a group where every call was refused, the event
   * count must not move; across the sweep, no refused call's correlation id may be on record.
   */
  async function sweep(operation: string, baseline: Record<string, unknown>, variants: Variant[], who: Who, name: string) {
    const problems: string[] = [];
    const calls: Call[] = [];
    // A baseline refused for its own input would make every variant's refusal meaningless.
    const unbent = await server.graphql(operation, baseline, tokens[who]);
    const unbentCode = unbent.errors?.[0]?.extensions?.['code'];
    if (unbentCode !== undefined && unbentCode !== 'DOMAIN_RULE_VIOLATED') {
      problems.push(`${name} baseline: ${unbentCode} "${unbent.errors![0]!.message}"`);
    }
    const GROUP_SIZE = 6;
    for (let start = 0; start < variants.length; start += GROUP_SIZE) {
      const group = variants.slice(start, start + GROUP_SIZE);
      const before = await eventCount();
      const answered = await Promise.all(
        group.map(async (variant) => {
          const correlationId = randomUUID();
          const response = await server.graphql(operation, withValue(baseline, variant.path, variant.value), tokens[who], {
            'x-correlation-id': correlationId,
          });
          return { label: `${name}.${variant.path.join('.')} ${variant.shape}`, variant, correlationId, response };
        }),
      );
      calls.push(...answered);
      const after = await eventCount();
      if (answered.every((call) => call.response.errors?.length) && after !== before) {
        problems.push(`${answered.map((call) => call.label).join(', ')}: all refused, yet ${after - before} events were recorded`);
      }
    }
    const refused = new Set(calls.filter((call) => call.response.errors?.length).map((call) => call.correlationId));
    for (const event of await server.runtime.store.readAll()) {
      const correlationId = (event.metadata?.['correlationId'] as string | undefined) ?? '';
      if (refused.has(correlationId)) {
        const call = calls.find((candidate) => candidate.correlationId === correlationId)!;
        problems.push(`${call.label}: refused (${codesOf(call.response)}), yet recorded ${event.type}`);
      }
    }
    for (const call of calls) problems.push(...judge(call));
    return { problems, calls };
  }

  function codesOf(response: GraphQLResponse): string {
    return (response.errors ?? []).map((error) => error.extensions?.['code']).join(', ');
  }

  function judge({ label, response }: Call): string[] {
    if (response.errors === undefined && response.data === undefined) return [`${label}: not a GraphQL response: ${JSON.stringify(response).slice(0, 200)}`];
    const problems: string[] = [];
    for (const error of response.errors ?? []) {
      const code = error.extensions?.['code'];
      if (!CLIENT_CODES.has(code)) problems.push(`${label}: ${code} "${String(error.message).slice(0, 200)}"`);
      const size = JSON.stringify(error).length;
      if (typeof error.message !== 'string' || !error.message.trim() || size > MAX_ERROR_SIZE) {
        problems.push(`${label}: ${code} error of ${size} characters (it should name the problem, not echo the input)`);
      }
    }
    return problems;
  }

  /** What a mutation must never accept, even if it answers without an error. */
  function acceptedBadInput(mutation: string, { label, variant, response }: Call, argumentType: string): string | undefined {
    if (response.errors?.length) return undefined;
    const field = `${mutation}.${variant.path.join('.')}`;
    const isKey = variant.path.at(-1) === 'idempotencyKey';
    if (variant.shape === 'huge' && !LONG_TEXT.has(field)) return `${label}: accepted ${String(variant.value).length} characters`;
    if ((variant.shape === 'control' || variant.shape === 'lone-surrogate') && !isKey) return `${label}: accepted ${variant.shape} characters`;
    if ((variant.shape === 'empty' || variant.shape === 'blank') && !isKey) return `${label}: accepted ${JSON.stringify(variant.value)}`;
    if (variant.shape === 'long-list' && argumentType !== 'ID') return `${label}: accepted a list of 2,000 entries`;
    return undefined;
  }

  function leafTypeAt(field: Field, path: string[]): string {
    let ref = field.args.find((arg) => arg.name === path[0])!.type;
    for (const key of path.slice(1)) ref = schema.type(named(ref).name!).inputFields!.find((input) => input.name === key)!.type;
    return named(ref).name!;
  }

  beforeAll(async () => {
    server = await ConcordServer.start();
    tokens.admin = await server.adminToken();
    for (const who of ['camille', 'peter', 'lea'] as const) tokens[who] = await server.token(who);

    const introspected = await ok(INTROSPECTION, {}, 'admin');
    const byName = (fields: Field[]) => new Map(fields.map((field) => [field.name, field]));
    schema = new Schema(
      byName(introspected.__schema.mutationType.fields),
      byName(introspected.__schema.queryType.fields),
      introspected.__schema.types,
      byName(introspected.__schema.subscriptionType.fields),
    );

    const REGISTER = `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { version } }`;
    await ok(REGISTER, { input: { id: ORG.fr, name: 'Police nationale', country: 'FR', kind: 'LAW_ENFORCEMENT' } }, 'admin');
    await ok(REGISTER, { input: { id: ORG.sk, name: 'Hraničná polícia', country: 'SK', kind: 'BORDER_GUARD' } }, 'admin');
    await ok(REGISTER, { input: { id: ORG.spare, name: 'Gendarmerie', country: 'FR', kind: 'LAW_ENFORCEMENT' } }, 'admin');
    const JOIN = `mutation($input: JoinCommunityInput!) { joinCommunity(input: $input) { version } }`;
    for (const [id, country, organisationId] of [['camille', 'FR', ORG.fr], ['peter', 'SK', ORG.sk], ['lea', 'FR', ORG.fr], ['spare-member', 'FR', ORG.fr]]) {
      await ok(JOIN, { input: { id, displayName: id, email: `${id}@example.eu`, country, organisationId } }, 'admin');
    }

    const DECLARE = `mutation($input: DeclareNeedInput!) { declareNeed(input: $input) { version } }`;
    const need = (id: string, organisationId: string, cpvCode: string) => ({
      id,
      organisationId,
      title: 'Metal detectors',
      description: 'Walk-through detectors',
      cpvCode,
      quantity: 10,
      unit: 'piece',
      estimatedBudget: budget('50000.00'),
      targetQuarter: '2027-Q2',
      approach: 'STANDARD',
      openToJointProcurement: true,
    });
    await ok(DECLARE, { input: need(NEED.fr, ORG.fr, '35124000-9') }, 'camille');
    await ok(DECLARE, { input: need(NEED.amend, ORG.fr, '35613000-4') }, 'camille');
    await ok(DECLARE, { input: need(NEED.spare, ORG.fr, '35124000-9') }, 'camille');
    await ok(DECLARE, { input: need(NEED.sk, ORG.sk, '35124000-9') }, 'peter');

    const PROPOSE = `mutation($input: ProposeBuyerGroupInput!) { proposeBuyerGroup(input: $input) { version } }`;
    const group = (id: string, needIds: string[]) => ({ id, name: 'Metal detectors', description: 'Together', cpvCode: '35124000-9', proposingOrganisationId: ORG.fr, needIds });
    await ok(PROPOSE, { input: group(GROUP.main, [NEED.fr]) }, 'camille');
    await ok(PROPOSE, { input: group(GROUP.spare, []) }, 'camille');
    await ok(`mutation($id: ID!, $org: ID!) { designateLeadProcurer(id: $id, organisationId: $org) { version } }`, { id: GROUP.main, org: ORG.fr }, 'camille');
    await ok(`mutation($id: ID!) { draftAgreement(id: $id, title: "Agreement", terms: "Art. 1") { version } }`, { id: GROUP.main }, 'camille');

    await ok(`mutation($input: CreateTopicalGroupInput!) { createTopicalGroup(input: $input) { version } }`,
      { input: { id: TOPICAL, name: 'UAV procurement', topic: 'UAV', description: 'Drones' } }, 'admin');
    const APPOINT = `mutation($id: ID!, $m: ID!) { appointTopicalGroupLeader(id: $id, memberId: $m) { version } }`;
    await ok(APPOINT, { id: TOPICAL, m: 'camille' }, 'admin');
    await ok(`mutation($id: ID!) { joinTopicalGroup(id: $id) { version } }`, { id: TOPICAL }, 'peter');
    const PROPOSE_DECISION = `mutation($id: ID!, $input: ProposeDecisionInput!, $key: String) {
      proposeDecision(id: $id, input: $input, idempotencyKey: $key) { decision { id } } }`;
    const decision = (await ok(PROPOSE_DECISION, { id: TOPICAL, input: { title: 'Adopt a charter', text: 'We adopt it.' }, key: DECISION }, 'peter'))
      .proposeDecision.decision.id as string;
    const spareDecision = (await ok(PROPOSE_DECISION, { id: TOPICAL, input: { title: 'Meet monthly', text: 'Monthly.' }, key: SPARE_DECISION }, 'peter'))
      .proposeDecision.decision.id as string;
    const action = (
      await ok(`mutation($id: ID!, $input: AssignActionInput!, $key: String) { assignAction(id: $id, input: $input, idempotencyKey: $key) { action { id } } }`,
        { id: TOPICAL, input: { title: 'Draft the charter', assigneeId: 'peter', decisionId: decision }, key: ACTION }, 'camille')
    ).assignAction.action.id as string;
    baselines = mutationBaselines({ decision, spareDecision, action });
    QUERY_BASELINES['inclusionProof'] = { eventId: (await server.runtime.store.readAll({ maxCount: 1 }))[0]!.id };
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('has a baseline for every mutation and every query with arguments the server serves', () => {
    expect([...schema.mutations.keys()].sort()).toEqual(Object.keys(baselines).sort());
    const withArguments = [...schema.queries.values()].filter((field) => field.args.length > 0).map((field) => field.name);
    expect(withArguments.sort()).toEqual(Object.keys(QUERY_BASELINES).sort());
  });

  it('carries the longest text a mutation accepts, whatever its bytes, and refuses one character more', async () => {
    const DRAFT = `mutation($id: ID!, $terms: String!) { draftAgreement(id: $id, title: "Agreement", terms: $terms) { version buyerGroup { agreement { version } } } }`;
    // 200,000 characters of 2 and 3 bytes in UTF-8: over half a megabyte of JSON.
    const terms = 'é€'.repeat(100_000);
    const drafted = await server.graphql(DRAFT, { id: GROUP.main, terms }, tokens.camille);
    expect(drafted.errors).toBeUndefined();
    const before = await eventCount();
    const tooLong = await server.graphql(DRAFT, { id: GROUP.main, terms: `${terms}x` }, tokens.camille);
    expect(tooLong.errors?.map((error) => [error.extensions?.['code'], error.extensions?.['field']])).toEqual([['BAD_USER_INPUT', 'terms']]);
    expect(JSON.stringify(tooLong.errors).length).toBeLessThan(MAX_ERROR_SIZE);
    expect(await eventCount()).toBe(before);
  });

  const MUTATIONS = Object.keys(mutationBaselines({ decision: '', spareDecision: '', action: '' }));

  it.each(MUTATIONS)('%s: bent arguments get a client error code, and a refused call records nothing', async (name) => {
    const field = schema.mutations.get(name)!;
    const [who, baseline] = baselines[name]!;
    const variants = field.args.flatMap((arg) => variantsOf(schema, arg.type, [arg.name]));
    const { problems, calls } = await sweep(schema.operation('mutation', field), baseline, variants, who, name);
    for (const call of calls) {
      const accepted = acceptedBadInput(name, call, leafTypeAt(field, call.variant.path));
      if (accepted) problems.push(accepted);
    }
    expect(problems).toEqual([]);
  });

  const SUBSCRIPTIONS = ['buyerGroupUpdated', 'decisionUpdated', 'eventRecorded'];

  it('sweeps every subscription the server serves', () => {
    expect([...schema.subscriptions.keys()].sort()).toEqual([...SUBSCRIPTIONS].sort());
  });

  it.each(SUBSCRIPTIONS)('%s: bent arguments over graphql-ws get a client error code or a live subscription, and the socket stays up', async (name) => {
    const field = schema.subscriptions.get(name)!;
    const operation = schema.operation('subscription', field);
    const variants = field.args.flatMap((arg) => variantsOf(schema, arg.type, [arg.name]));
    expect(variants.length).toBeGreaterThan(0);
    const problems: string[] = [];
    const before = await eventCount();
    // A connection holds a bounded number of subscriptions: a few dozen variants per connection.
    for (let start = 0; start < variants.length; start += 40) {
      const group = variants.slice(start, start + 40);
      const ws = await RawGraphQLWs.connect(server.url, tokens.admin);
      try {
        group.forEach((variant, index) => ws.subscribe(`v${index}`, operation, withValue({}, variant.path, variant.value)));
        // Refusals come at once; an accepted subscription stays silent until something changes.
        let seen = -1;
        while (seen !== ws.messages.length) {
          seen = ws.messages.length;
          await new Promise((resolve) => setTimeout(resolve, 400));
        }
        if (!ws.open) problems.push(`${name}: the socket closed (${ws.closed?.code} ${ws.closed?.reason})`);
        for (const message of ws.messages) {
          const variant = group[Number(String(message['id']).slice(1))];
          if (!variant) continue;
          const errors = message['type'] === 'error' ? message['payload'] : message['type'] === 'next' ? message['payload']?.errors : undefined;
          const label = `${name}.${variant.path.join('.')} ${variant.shape}`;
          for (const error of errors ?? []) {
            const code = error.extensions?.code;
            if (!CLIENT_CODES.has(code)) problems.push(`${label}: ${code} "${String(error.message).slice(0, 200)}"`);
            if (JSON.stringify(error).length > MAX_ERROR_SIZE) problems.push(`${label}: an error of ${JSON.stringify(error).length} characters`);
          }
        }
      } finally {
        ws.close();
      }
    }
    expect(problems).toEqual([]);
    expect(await eventCount()).toBe(before);
  });

  it.each(Object.keys(QUERY_BASELINES))('%s: bent arguments get a client error code, and nothing is recorded', async (name) => {
    const field = schema.queries.get(name)!;
    const variants = field.args.flatMap((arg) => variantsOf(schema, arg.type, [arg.name]));
    const before = await eventCount();
    const { problems } = await sweep(schema.operation('query', field), QUERY_BASELINES[name]!, variants, 'admin', name);
    expect(problems).toEqual([]);
    expect(await eventCount()).toBe(before);
  });
});
