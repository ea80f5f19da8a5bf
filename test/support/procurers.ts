import { dataOf, postGraphQL } from './concord-server.js';

/** Anything that serves the API at a URL: this process's server or another process's. */
export interface ApiAt {
  url: string;
}

export const call = (api: ApiAt, query: string, variables: Record<string, unknown>, token: string) =>
  postGraphQL<any>(api.url, query, variables, token);
export const ok = async (api: ApiAt, query: string, variables: Record<string, unknown>, token: string) =>
  dataOf(await call(api, query, variables, token));

export const PROPOSE = `mutation($input: ProposeBuyerGroupInput!, $key: String) {
  proposeBuyerGroup(input: $input, idempotencyKey: $key) { version replayed buyerGroup { id status members { organisation { id } needs { id status } } } } }`;
export const JOIN = `mutation($id: ID!, $org: ID!, $needIds: [ID!]) {
  joinBuyerGroup(id: $id, organisationId: $org, needIds: $needIds) { version buyerGroup { id status } } }`;
export const LEAVE = `mutation($id: ID!, $org: ID!, $reason: String!) {
  leaveBuyerGroup(id: $id, organisationId: $org, reason: $reason) { version buyerGroup { id status } } }`;
export const LEAVE_NETWORK = `mutation($id: ID!, $reason: String!) { leaveNetwork(id: $id, reason: $reason) { version organisation { id active } } }`;
export const NEED = `query($id: ID!, $asOf: DateTime) { need(id: $id, asOf: $asOf) { id status version buyerGroup { id } } }`;
export const GROUP = `query($id: ID!) { buyerGroup(id: $id) { id status version members { organisation { id } needs { id status } }
  agreement { version concluded signatures { organisation { id } } } } }`;

/** Organisations of three member states, a member each: the metal-detector procurers. */
export const PROCURERS = [
  { org: 'fr-police', name: 'Police nationale', country: 'FR', kind: 'LAW_ENFORCEMENT', member: 'camille' },
  { org: 'sk-border', name: 'Hraničná polícia', country: 'SK', kind: 'BORDER_GUARD', member: 'peter' },
  { org: 'bg-mvr', name: 'Министерство на вътрешните работи', country: 'BG', kind: 'MINISTRY', member: 'ivana' },
] as const;

export async function registerProcurers(api: ApiAt, admin: string): Promise<void> {
  for (const { org, name, country, kind, member } of PROCURERS) {
    await ok(api, `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { version } }`, { input: { id: org, name, country, kind } }, admin);
    await ok(api, `mutation($input: JoinCommunityInput!) { joinCommunity(input: $input) { version } }`, {
      input: { id: member, displayName: member, email: `${member}@example.eu`, country, organisationId: org },
    }, admin);
  }
}

/** A need for walk-through metal detectors (CPV group 351), declared by a member of `organisationId`. */
export async function declareDetectors(api: ApiAt, token: string, organisationId: string, title = 'Walk-through metal detectors'): Promise<string> {
  const data = await ok(api, `mutation($input: DeclareNeedInput!) { declareNeed(input: $input) { need { id } } }`, {
    input: {
      organisationId,
      title,
      description: 'Detector gates for border crossing points',
      cpvCode: '35124000-9',
      quantity: 10,
      unit: 'unit',
      estimatedBudget: { amount: '120000.00', currency: 'EUR' },
      targetQuarter: '2027-Q3',
      approach: 'STANDARD',
      openToJointProcurement: true,
    },
  }, token);
  return data.declareNeed.need.id;
}

export const groupInput = (id: string, proposingOrganisationId: string, needIds: string[]) => ({
  id,
  name: `Detector gates ${id}`,
  description: 'Joint purchase of walk-through metal detectors',
  cpvCode: '35124000-9',
  proposingOrganisationId,
  needIds,
});

/** Polls until `check` holds. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
