import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from 'graphql-ws';
import { ConcordServer, codeOf, subscribe, type GraphQLResponse } from './support/concord-server.js';

/**
 * The story of issue 5: a leader appointed for "Ballistic protection" tracks every decision of
 * the group live, over HTTP and graphql-ws against the real server.
 */

type Choice = 'FOR' | 'AGAINST' | 'ABSTAIN';
interface Tally {
  for: number;
  against: number;
  abstain: number;
}
interface FeedItem {
  decisionUpdated: { id: string; status: string; tally: Tally; votes: Array<{ member: { id: string }; choice: Choice }>; topicalGroup: { id: string } };
}

const LEADER = 'leader-fr';
const MEMBERS = ['anna-de', 'bruno-it', 'carla-es', 'dirk-nl', 'ewa-pl'] as const;
const [ANNA, BRUNO, CARLA, DIRK, EWA] = MEMBERS;
const OUTSIDER = 'olga-be';
const ERASED = 'zoe-at';
const PAST = '2020-01-01T00:00:00.000Z';
const FUTURE = '2099-12-31T00:00:00.000Z';

const GROUP = `id name topic description createdAt version overdueDecisions overdueActions leader { id } members { id }
  meetings { id title heldOn minutes attendees { id } }
  actions { id title overdue dueBy completedAt assignee { id } completedBy { id } decision { id status } }`;
const DECISION = `id title text status overdue dueBy proposedAt closedAt proposedBy { id } topicalGroup { id }
  tally { for against abstain } votes { member { id } choice castAt }`;
const FEED = `subscription($g: ID) { decisionUpdated(topicalGroupId: $g) {
  id status tally { for against abstain } votes { member { id } choice } topicalGroup { id } } }`;

const PROPOSE = `mutation($id: ID!, $input: ProposeDecisionInput!, $key: String) {
  proposeDecision(id: $id, input: $input, idempotencyKey: $key) { version position decision { ${DECISION} } } }`;
const VOTE = `mutation($id: ID!, $d: ID!, $c: VoteChoice!, $key: String) {
  castVote(id: $id, decisionId: $d, choice: $c, idempotencyKey: $key) { version position decision { ${DECISION} } } }`;
const CLOSE = `mutation($id: ID!, $d: ID!) { closeDecision(id: $id, decisionId: $d) { version decision { ${DECISION} } } }`;
const RECORD = `mutation($id: ID!, $input: RecordMeetingInput!, $v: Int) {
  recordMeeting(id: $id, input: $input, expectedVersion: $v) { version meeting { id title attendees { id } } topicalGroup { version } } }`;
const ASSIGN = `mutation($id: ID!, $input: AssignActionInput!) {
  assignAction(id: $id, input: $input) { version action { id title overdue dueBy decision { id } assignee { id } } } }`;
const COMPLETE = `mutation($id: ID!, $a: ID!) {
  completeAction(id: $id, actionId: $a) { version action { id overdue completedAt completedBy { id } } } }`;
const JOIN = `mutation($id: ID!) { joinTopicalGroup(id: $id) { version topicalGroup { members { id } } } }`;
const LEAVE = `mutation($id: ID!) { leaveTopicalGroup(id: $id) { version topicalGroup { members { id } } } }`;
const APPOINT = `mutation($id: ID!, $m: ID!) { appointTopicalGroupLeader(id: $id, memberId: $m) { version topicalGroup { leader { id } members { id } } } }`;
const GET = `query($id: ID!, $asOf: DateTime) { topicalGroup(id: $id, asOf: $asOf) { ${GROUP}
  all: decisions { ${DECISION} } adopted: decisions(status: ADOPTED) { id } rejected: decisions(status: REJECTED) { id } open: decisions(status: OPEN) { id } } }`;

function ruleOf(result: GraphQLResponse): string | undefined {
  return result.errors?.[0]?.extensions?.['rule'];
}

describe('topical groups: a leader tracks every decision of the group, live', () => {
  let server: ConcordServer;
  let admin: string;
  const tokens = new Map<string, string>();
  const token = (member: string) => tokens.get(member)!;
  let groupId: string;
  let uavGroupId: string;
  let leaderClient: Client;
  let outsiderClient: Client;
  let leaderFeed: ReturnType<typeof subscribe<FeedItem>>;
  let outsiderFeed: ReturnType<typeof subscribe<FeedItem>>;
  let adopt: string; // the decision the group adopts
  let reject: string; // the one it rejects; its dueBy is past
  let lastVoteAt: string;
  /** Every decision change the test makes, in order: what the leader's feed must show. */
  const changes: Array<{ id: string; status: string; tally: Tally }> = [];
  /** The last choice of each member per decision: what the tallies must count. */
  const lastVotes = new Map<string, Map<string, Choice>>();

  const expectedTally = (decisionId: string): Tally => {
    const tally = { for: 0, against: 0, abstain: 0 };
    for (const choice of lastVotes.get(decisionId)?.values() ?? []) {
      if (choice === 'FOR') tally.for += 1;
      else if (choice === 'AGAINST') tally.against += 1;
      else tally.abstain += 1;
    }
    return tally;
  };

  const vote = async (member: string, decisionId: string, choice: Choice) => {
    const result = await server.ok<any>(VOTE, { id: groupId, d: decisionId, c: choice }, token(member));
    const votes = lastVotes.get(decisionId) ?? new Map<string, Choice>();
    votes.set(member, choice);
    lastVotes.set(decisionId, votes);
    changes.push({ id: decisionId, status: 'OPEN', tally: expectedTally(decisionId) });
    expect(result.castVote.decision.tally).toEqual(expectedTally(decisionId));
    return result.castVote;
  };

  const version = async () => (await server.ok<any>(`query($id: ID!) { topicalGroup(id: $id) { version } }`, { id: groupId }, admin)).topicalGroup.version;

  beforeAll(async () => {
    server = await ConcordServer.start();
    admin = await server.adminToken();
    const people: Array<[string, string, string]> = [
      [LEADER, 'Léa Martin', 'FR'],
      [ANNA, 'Anna Schmidt', 'DE'],
      [BRUNO, 'Bruno Rossi', 'IT'],
      [CARLA, 'Carla García', 'ES'],
      [DIRK, 'Dirk de Vries', 'NL'],
      [EWA, 'Ewa Kowalska', 'PL'],
      [OUTSIDER, 'Olga Peeters', 'BE'],
      [ERASED, 'Zoe Huber', 'AT'],
    ];
    for (const [id, displayName, country] of people) {
      await server.ok(
        `mutation($input: JoinCommunityInput!) { joinCommunity(input: $input) { member { id } } }`,
        { input: { id, displayName, email: `${id}@example.eu`, country, expertise: ['ballistics'] } },
        admin,
      );
      tokens.set(id, await server.token(id));
    }
    await server.ok(`mutation($m: ID!) { eraseMemberPersonalData(memberId: $m) { member { erased } } }`, { m: ERASED }, admin);
  });

  afterAll(async () => {
    leaderFeed?.dispose();
    outsiderFeed?.dispose();
    await leaderClient?.dispose();
    await outsiderClient?.dispose();
    await server.stop();
  });

  it('an ADMIN creates the group and appoints its leader, who becomes its first member', async () => {
    const create = `mutation($input: CreateTopicalGroupInput!) { createTopicalGroup(input: $input) { version position topicalGroup { id name topic version members { id } leader { id } } } }`;
    const input = { name: 'Ballistic protection', topic: 'Body armour and vehicle protection', description: 'Common specifications for vests and plates' };
    expect(codeOf(await server.graphql(create, { input }, token(LEADER)))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(create, { input: { ...input, name: '  ' } }, admin))).toBe('BAD_USER_INPUT');

    const created = (await server.ok<any>(create, { input }, admin)).createTopicalGroup;
    expect(created).toMatchObject({ version: 1, topicalGroup: { name: 'Ballistic protection', version: 1, members: [], leader: null } });
    groupId = created.topicalGroup.id;
    uavGroupId = (await server.ok<any>(create, { input: { name: 'UAV procurement', topic: 'Drones', description: 'Counter-UAS' } }, admin))
      .createTopicalGroup.topicalGroup.id;

    const notInCommunity = await server.graphql(APPOINT, { id: groupId, m: 'nobody' }, admin);
    expect([codeOf(notInCommunity), ruleOf(notInCommunity)]).toEqual(['DOMAIN_RULE_VIOLATED', 'leader-not-in-community']);
    expect(codeOf(await server.graphql(APPOINT, { id: groupId, m: LEADER }, token(LEADER)))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(APPOINT, { id: 'no-such-group', m: LEADER }, admin))).toBe('NOT_FOUND');

    const appointed = (await server.ok<any>(APPOINT, { id: groupId, m: LEADER }, admin)).appointTopicalGroupLeader;
    expect(appointed).toEqual({ version: 3, topicalGroup: { leader: { id: LEADER }, members: [{ id: LEADER }] } });
    // In the other group the outsider leads; the leader of ours is not in it.
    await server.ok(APPOINT, { id: uavGroupId, m: OUTSIDER }, admin);
  });

  it('the leader subscribes to every group they belong to; the outsider follows this group by id', async () => {
    leaderClient = server.wsClient(token(LEADER));
    outsiderClient = server.wsClient(token(OUTSIDER));
    leaderFeed = subscribe<FeedItem>(leaderClient, FEED, {});
    outsiderFeed = subscribe<FeedItem>(outsiderClient, FEED, { g: groupId });
    const unknown = subscribe<FeedItem>(outsiderClient, FEED, { g: 'no-such-group' });
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the subscriptions register
    while (unknown.errors.length === 0 && unknown.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unknown.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
    unknown.dispose();

    const anonymousClient = server.wsClient();
    const anonymous = subscribe<FeedItem>(anonymousClient, FEED, {});
    while (anonymous.errors.length === 0 && anonymous.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(anonymous.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    await anonymousClient.dispose();
  });

  it('five members join; someone outside the community (or erased from it) may not; nobody joins twice', async () => {
    for (const member of MEMBERS) await server.ok(JOIN, { id: groupId }, token(member));
    const afterJoins = await version();
    expect(afterJoins).toBe(8);
    expect(codeOf(await server.graphql(JOIN, { id: groupId }, admin))).toBe('FORBIDDEN');
    // Erasure is how a person leaves the community: they neither join nor lead a group.
    expect(codeOf(await server.graphql(JOIN, { id: groupId }, token(ERASED)))).toBe('FORBIDDEN');
    expect(ruleOf(await server.graphql(APPOINT, { id: groupId, m: ERASED }, admin))).toBe('leader-not-in-community');
    const twice = await server.graphql(JOIN, { id: groupId }, token(ANNA));
    expect([codeOf(twice), ruleOf(twice)]).toEqual(['DOMAIN_RULE_VIOLATED', 'already-group-member']);
    expect(await version()).toBe(afterJoins);
  });

  it('the leader records a meeting; nobody else may, and attendees must be members', async () => {
    const input = { heldOn: '2026-03-01T10:00:00Z', title: 'Kick-off', minutes: 'Agreed to pool our vest needs', attendeeIds: [LEADER, ANNA, BRUNO, CARLA] };
    expect(codeOf(await server.graphql(RECORD, { id: groupId, input }, token(ANNA)))).toBe('FORBIDDEN');
    const outsider = await server.graphql(RECORD, { id: groupId, input: { ...input, attendeeIds: [LEADER, OUTSIDER] } }, token(LEADER));
    expect([codeOf(outsider), ruleOf(outsider)]).toEqual(['DOMAIN_RULE_VIOLATED', 'attendee-not-group-member']);
    const none = await server.graphql(RECORD, { id: groupId, input: { ...input, attendeeIds: [] } }, token(LEADER));
    expect([codeOf(none), ruleOf(none)]).toEqual(['DOMAIN_RULE_VIOLATED', 'meeting-without-attendees']);
    const twice = await server.graphql(RECORD, { id: groupId, input: { ...input, attendeeIds: [ANNA, ANNA] } }, token(LEADER));
    expect(codeOf(twice)).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.graphql(RECORD, { id: groupId, input: { ...input, heldOn: 'yesterday' } }, token(LEADER)))).toBe('BAD_USER_INPUT');
    const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString();
    const ahead = await server.graphql(RECORD, { id: groupId, input: { ...input, heldOn: tomorrow } }, token(LEADER));
    expect([codeOf(ahead), ruleOf(ahead)]).toEqual(['DOMAIN_RULE_VIOLATED', 'meeting-held-in-future']);
    expect(await version()).toBe(8);

    const recorded = (await server.ok<any>(RECORD, { id: groupId, input, v: 8 }, token(LEADER))).recordMeeting;
    expect(recorded).toMatchObject({ version: 9, meeting: { title: 'Kick-off', attendees: [{ id: LEADER }, { id: ANNA }, { id: BRUNO }, { id: CARLA }] } });
  });

  it('a stale expectedVersion is a CONFLICT and records nothing', async () => {
    const input = { heldOn: '2026-03-08T10:00:00Z', title: 'Follow-up', minutes: 'Late', attendeeIds: [LEADER] };
    const stale = await server.graphql(RECORD, { id: groupId, input, v: 8 }, token(LEADER));
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.errors![0]!.extensions).toMatchObject({ expected: 8, actual: 9 });
    expect(await version()).toBe(9);
  });

  it('members propose two decisions; someone outside the group may not', async () => {
    const first = (await server.ok<any>(PROPOSE, { id: groupId, input: { title: 'NIJ 0101.07 level IIIA as the common minimum', text: 'All vests we buy jointly meet level IIIA.', dueBy: FUTURE } }, token(ANNA))).proposeDecision;
    expect(first).toMatchObject({ version: 10, decision: { status: 'OPEN', overdue: false, proposedBy: { id: ANNA }, topicalGroup: { id: groupId }, tally: { for: 0, against: 0, abstain: 0 }, votes: [] } });
    adopt = first.decision.id;
    changes.push({ id: adopt, status: 'OPEN', tally: { for: 0, against: 0, abstain: 0 } });

    const second = (await server.ok<any>(PROPOSE, { id: groupId, input: { title: 'One supplier for all plates', text: 'Award the plates lot to a single supplier.', dueBy: PAST } }, token(BRUNO))).proposeDecision;
    expect(second.decision).toMatchObject({ status: 'OPEN', dueBy: PAST, overdue: true });
    reject = second.decision.id;
    changes.push({ id: reject, status: 'OPEN', tally: { for: 0, against: 0, abstain: 0 } });

    expect(codeOf(await server.graphql(PROPOSE, { id: groupId, input: { title: 'Mine', text: 'Outsider idea' } }, token(OUTSIDER)))).toBe('FORBIDDEN');
    // A decision in the other group, which the leader does not belong to, stays off the leader's feed.
    await server.ok(PROPOSE, { id: uavGroupId, input: { title: 'Counter-UAS pilot', text: 'Run a PCP' } }, token(OUTSIDER));
  });

  it('members vote and change their votes; outsiders may not; the tally counts each last vote', async () => {
    await vote(ANNA, adopt, 'FOR');
    await vote(BRUNO, adopt, 'FOR');
    await vote(CARLA, adopt, 'AGAINST');
    await vote(DIRK, adopt, 'ABSTAIN');
    await vote(CARLA, adopt, 'FOR'); // changed
    await vote(LEADER, adopt, 'AGAINST');

    await vote(BRUNO, reject, 'FOR');
    await vote(ANNA, reject, 'AGAINST');
    await vote(EWA, reject, 'FOR');
    const last = await vote(EWA, reject, 'AGAINST'); // changed
    lastVoteAt = last.decision.votes.map((v: { castAt: string }) => v.castAt).sort().at(-1);

    expect(codeOf(await server.graphql(VOTE, { id: groupId, d: adopt, c: 'FOR' }, token(OUTSIDER)))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(VOTE, { id: groupId, d: 'no-such-decision', c: 'FOR' }, token(ANNA)))).toBe('NOT_FOUND');
    // Casting the same choice again records nothing.
    const before = await version();
    const same = (await server.ok<any>(VOTE, { id: groupId, d: adopt, c: 'FOR' }, token(ANNA))).castVote;
    expect(same.version).toBe(before);

    const { topicalGroup } = await server.ok<any>(GET, { id: groupId }, token(DIRK));
    const byId = new Map(topicalGroup.all.map((decision: any) => [decision.id, decision]));
    expect((byId.get(adopt) as any).tally).toEqual(expectedTally(adopt));
    expect((byId.get(reject) as any).tally).toEqual(expectedTally(reject));
    expect((byId.get(reject) as any).votes.map((v: any) => [v.member.id, v.choice])).toEqual([
      [BRUNO, 'FOR'],
      [ANNA, 'AGAINST'],
      [EWA, 'AGAINST'],
    ]);
    expect(topicalGroup.overdueDecisions).toBe(1);
    const overdue = await server.ok<any>(`{ decisions(filter: { overdue: true }) { totalCount edges { node { id overdue } } } }`, {}, token(DIRK));
    expect(overdue.decisions).toEqual({ totalCount: 1, edges: [{ node: { id: reject, overdue: true } }] });
  });

  it('only the leader closes: more FOR than AGAINST adopts, otherwise rejected; no votes after closing', async () => {
    expect(codeOf(await server.graphql(CLOSE, { id: groupId, d: adopt }, token(ANNA)))).toBe('FORBIDDEN');

    const adopted = (await server.ok<any>(CLOSE, { id: groupId, d: adopt }, token(LEADER))).closeDecision.decision;
    expect(adopted).toMatchObject({ status: 'ADOPTED', tally: { for: 3, against: 1, abstain: 1 }, overdue: false });
    expect(adopted.closedAt).toBeTruthy();
    changes.push({ id: adopt, status: 'ADOPTED', tally: expectedTally(adopt) });

    const rejected = (await server.ok<any>(CLOSE, { id: groupId, d: reject }, token(LEADER))).closeDecision.decision;
    expect(rejected).toMatchObject({ status: 'REJECTED', tally: { for: 1, against: 2, abstain: 0 }, overdue: false });
    changes.push({ id: reject, status: 'REJECTED', tally: expectedTally(reject) });

    const before = await version();
    const late = await server.graphql(VOTE, { id: groupId, d: adopt, c: 'AGAINST' }, token(EWA));
    expect([codeOf(late), ruleOf(late)]).toEqual(['DOMAIN_RULE_VIOLATED', 'decision-closed']);
    const again = await server.graphql(CLOSE, { id: groupId, d: reject }, token(LEADER));
    expect([codeOf(again), ruleOf(again)]).toEqual(['DOMAIN_RULE_VIOLATED', 'decision-closed']);
    expect(await version()).toBe(before);
  });

  it('the leader’s subscription saw every decision change, in order, and nothing of other groups', async () => {
    const received = (await leaderFeed.waitFor(changes.length)).slice(0, changes.length);
    const seen = received.map(({ decisionUpdated: d }) => ({ id: d.id, status: d.status, tally: d.tally }));
    expect(seen).toEqual(changes);
    expect(received.every(({ decisionUpdated: d }) => d.topicalGroup.id === groupId)).toBe(true);
    // Each push shows the votes as that change left them: Carla's changed vote, then the leader's.
    const carlaChanged = received[6]!.decisionUpdated;
    expect(carlaChanged.votes.find((v) => v.member.id === CARLA)?.choice).toBe('FOR');
    expect(carlaChanged.votes.some((v) => v.member.id === LEADER)).toBe(false);

    const followed = (await outsiderFeed.waitFor(changes.length)).slice(0, changes.length);
    expect(followed.map(({ decisionUpdated: d }) => ({ id: d.id, status: d.status, tally: d.tally }))).toEqual(changes);
    expect(leaderFeed.errors).toEqual([]);
  });

  it('the leader assigns actions to members, tied to a decision or not; the assignee or the leader completes them', async () => {
    expect(codeOf(await server.graphql(ASSIGN, { id: groupId, input: { title: 'x', assigneeId: BRUNO } }, token(ANNA)))).toBe('FORBIDDEN');
    const outsider = await server.graphql(ASSIGN, { id: groupId, input: { title: 'x', assigneeId: OUTSIDER } }, token(LEADER));
    expect([codeOf(outsider), ruleOf(outsider)]).toEqual(['DOMAIN_RULE_VIOLATED', 'assignee-not-group-member']);
    expect(codeOf(await server.graphql(ASSIGN, { id: groupId, input: { title: 'x', assigneeId: BRUNO, decisionId: 'nope' } }, token(LEADER)))).toBe('NOT_FOUND');

    const draft = (await server.ok<any>(ASSIGN, { id: groupId, input: { title: 'Draft the level IIIA spec', assigneeId: ANNA, decisionId: adopt, dueBy: PAST } }, token(LEADER))).assignAction.action;
    expect(draft).toMatchObject({ overdue: true, dueBy: PAST, decision: { id: adopt }, assignee: { id: ANNA } });
    const survey = (await server.ok<any>(ASSIGN, { id: groupId, input: { title: 'Survey plate suppliers', assigneeId: BRUNO } }, token(LEADER))).assignAction.action;
    expect(survey).toMatchObject({ overdue: false, dueBy: null, decision: null });
    expect((await server.ok<any>(GET, { id: groupId }, token(ANNA))).topicalGroup.overdueActions).toBe(1);

    expect(codeOf(await server.graphql(COMPLETE, { id: groupId, a: draft.id }, token(CARLA)))).toBe('FORBIDDEN');
    const done = (await server.ok<any>(COMPLETE, { id: groupId, a: draft.id }, token(ANNA))).completeAction.action;
    expect(done).toMatchObject({ overdue: false, completedBy: { id: ANNA } });
    expect(done.completedAt).toBeTruthy();
    const byLeader = (await server.ok<any>(COMPLETE, { id: groupId, a: survey.id }, token(LEADER))).completeAction.action;
    expect(byLeader.completedBy).toEqual({ id: LEADER });
    const twice = await server.graphql(COMPLETE, { id: groupId, a: draft.id }, token(ANNA));
    expect([codeOf(twice), ruleOf(twice)]).toEqual(['DOMAIN_RULE_VIOLATED', 'action-already-completed']);
    expect(codeOf(await server.graphql(COMPLETE, { id: groupId, a: 'nope' }, token(LEADER)))).toBe('NOT_FOUND');
  });

  it('queries show the whole group; tallies match the votes cast', async () => {
    const { topicalGroup: group } = await server.ok<any>(GET, { id: groupId }, token(EWA));
    const recorded = await server.runtime.store.readStream(`topical-group-${groupId}`);
    const recordedAt = (type: string, index = 0) => new Date(String(recorded.filter((event) => event.type === type)[index]!.metadata['recordedAt'])).toISOString();
    expect(group).toMatchObject({
      name: 'Ballistic protection',
      description: 'Common specifications for vests and plates',
      createdAt: recordedAt('TopicalGroupCreated'),
      leader: { id: LEADER },
      members: [LEADER, ...MEMBERS].map((id) => ({ id })),
      meetings: [
        { title: 'Kick-off', heldOn: '2026-03-01T10:00:00.000Z', minutes: 'Agreed to pool our vest needs', attendees: [{ id: LEADER }, { id: ANNA }, { id: BRUNO }, { id: CARLA }] },
      ],
      adopted: [{ id: adopt }],
      rejected: [{ id: reject }],
      open: [],
      overdueDecisions: 0,
      overdueActions: 0,
    });
    expect(group.all.map((d: any) => [d.id, d.title, d.text, d.proposedAt])).toEqual([
      [adopt, 'NIJ 0101.07 level IIIA as the common minimum', 'All vests we buy jointly meet level IIIA.', recordedAt('DecisionProposed', 0)],
      [reject, 'One supplier for all plates', 'Award the plates lot to a single supplier.', recordedAt('DecisionProposed', 1)],
    ]);
    expect(Date.parse(group.all[0].proposedAt)).toBeGreaterThanOrEqual(Date.parse(group.createdAt));
    for (const decision of group.all) {
      expect(decision.tally).toEqual(expectedTally(decision.id));
      const voted = Object.fromEntries(decision.votes.map((v: any) => [v.member.id, v.choice]));
      expect(voted).toEqual(Object.fromEntries(lastVotes.get(decision.id)!));
    }
    expect(group.actions.map((a: any) => [a.title, a.assignee.id, a.completedBy.id, a.decision?.status ?? null])).toEqual([
      ['Draft the level IIIA spec', ANNA, ANNA, 'ADOPTED'],
      ['Survey plate suppliers', BRUNO, LEADER, null],
    ]);

    const page = `query($f: DecisionFilter, $after: String) { decisions(filter: $f, first: 1, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id status tally { for against abstain } topicalGroup { name } } } } }`;
    const first = (await server.ok<any>(page, { f: { topicalGroupId: groupId } }, token(EWA))).decisions;
    expect(first).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { id: adopt, tally: expectedTally(adopt), topicalGroup: { name: 'Ballistic protection' } } }] });
    const next = (await server.ok<any>(page, { f: { topicalGroupId: groupId }, after: first.pageInfo.endCursor }, token(EWA))).decisions;
    expect(next).toMatchObject({ pageInfo: { hasNextPage: false }, edges: [{ node: { id: reject, status: 'REJECTED', tally: expectedTally(reject) } }] });
    const rejectedAnywhere = (await server.ok<any>(`{ decisions(filter: { status: REJECTED }) { totalCount edges { node { id } } } }`, {}, token(EWA))).decisions;
    expect(rejectedAnywhere).toEqual({ totalCount: 1, edges: [{ node: { id: reject } }] });
    const openAnywhere = (await server.ok<any>(`{ decisions(filter: { status: OPEN }) { totalCount } }`, {}, token(EWA))).decisions;
    expect(openAnywhere.totalCount).toBe(1); // the UAV group's

    const groups = (await server.ok<any>(`{ topicalGroups { totalCount edges { node { name } } } }`, {}, token(OUTSIDER))).topicalGroups;
    expect(groups).toEqual({ totalCount: 2, edges: [{ node: { name: 'Ballistic protection' } }, { node: { name: 'UAV procurement' } }] });
    const groupPage = `query($after: String) { topicalGroups(first: 1, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name description createdAt } } } }`;
    const firstGroups = (await server.ok<any>(groupPage, {}, token(OUTSIDER))).topicalGroups;
    expect(firstGroups).toMatchObject({
      totalCount: 2,
      pageInfo: { hasNextPage: true, endCursor: firstGroups.edges[0].cursor },
      edges: [{ node: { id: groupId, name: 'Ballistic protection', description: 'Common specifications for vests and plates', createdAt: group.createdAt } }],
    });
    const nextGroups = (await server.ok<any>(groupPage, { after: firstGroups.pageInfo.endCursor }, token(OUTSIDER))).topicalGroups;
    expect(nextGroups).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false }, edges: [{ node: { id: uavGroupId, name: 'UAV procurement', description: 'Counter-UAS' } }] });
    expect(Date.parse(nextGroups.edges[0].node.createdAt)).toBeGreaterThanOrEqual(Date.parse(group.createdAt));
    expect(codeOf(await server.graphql(groupPage, { after: 'garbage' }, token(OUTSIDER)))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.graphql(`{ topicalGroups { totalCount } }`))).toBe('UNAUTHENTICATED');
  });

  it('an AUDITOR travels back to just before the closes: both decisions open, the past-due one overdue then', async () => {
    const auditor = await server.token('auditor', ['AUDITOR']);
    const past = (await server.ok<any>(GET, { id: groupId, asOf: lastVoteAt }, auditor)).topicalGroup;
    expect(past.open.map((d: any) => d.id)).toEqual([adopt, reject]);
    expect(past.all.map((d: any) => [d.id, d.status, d.tally, d.overdue])).toEqual([
      [adopt, 'OPEN', expectedTally(adopt), false],
      [reject, 'OPEN', expectedTally(reject), true],
    ]);
    expect(past).toMatchObject({ leader: { id: LEADER }, overdueDecisions: 1, actions: [] });
    // The past state renders every field the present one does.
    const now = (await server.ok<any>(GET, { id: groupId }, auditor)).topicalGroup;
    expect([past.description, past.createdAt, past.meetings]).toEqual([now.description, now.createdAt, now.meetings]);
    expect(past.all.map((d: any) => [d.text, d.proposedAt])).toEqual(now.all.slice(0, 2).map((d: any) => [d.text, d.proposedAt]));
    expect(codeOf(await server.graphql(GET, { id: groupId, asOf: lastVoteAt }, token(LEADER)))).toBe('FORBIDDEN');
  });

  it('a retry with the same idempotencyKey returns the first result and records nothing new', async () => {
    const input = { title: 'Test centre in Munich', text: 'Use one test centre for all lots.' };
    const first = (await server.ok<any>(PROPOSE, { id: groupId, input, key: 'carla-proposal-1' }, token(CARLA))).proposeDecision;
    const retry = (await server.ok<any>(PROPOSE, { id: groupId, input, key: 'carla-proposal-1' }, token(CARLA))).proposeDecision;
    expect(retry).toEqual(first);
    const proposal = first.decision.id;
    changes.push({ id: proposal, status: 'OPEN', tally: { for: 0, against: 0, abstain: 0 } });
    const voteOnce = (await server.ok<any>(VOTE, { id: groupId, d: proposal, c: 'FOR', key: 'dirk-vote-1' }, token(DIRK))).castVote;
    changes.push({ id: proposal, status: 'OPEN', tally: { for: 1, against: 0, abstain: 0 } });
    await server.ok(VOTE, { id: groupId, d: proposal, c: 'AGAINST' }, token(DIRK));
    changes.push({ id: proposal, status: 'OPEN', tally: { for: 0, against: 1, abstain: 0 } });
    const voteRetry = (await server.ok<any>(VOTE, { id: groupId, d: first.decision.id, c: 'FOR', key: 'dirk-vote-1' }, token(DIRK))).castVote;
    expect([voteRetry.version, voteRetry.position]).toEqual([voteOnce.version, voteOnce.position]);
    const { topicalGroup } = await server.ok<any>(GET, { id: groupId }, token(DIRK));
    expect(topicalGroup.open).toEqual([{ id: first.decision.id }]);
    expect(topicalGroup.open.length + topicalGroup.adopted.length + topicalGroup.rejected.length).toBe(3);
    expect(topicalGroup.all.at(-1).tally).toEqual({ for: 0, against: 1, abstain: 0 });
  });

  it('a second leader replaces the first, who loses the leader’s steps and may then leave; a leader may not leave', async () => {
    const replaced = (await server.ok<any>(APPOINT, { id: groupId, m: BRUNO }, admin)).appointTopicalGroupLeader;
    expect(replaced.topicalGroup.leader).toEqual({ id: BRUNO });
    expect(replaced.topicalGroup.members).toHaveLength(6);
    const open = (await server.ok<any>(GET, { id: groupId }, token(BRUNO))).topicalGroup.open[0].id;
    expect(codeOf(await server.graphql(CLOSE, { id: groupId, d: open }, token(LEADER)))).toBe('FORBIDDEN');

    const leaving = await server.graphql(LEAVE, { id: groupId }, token(BRUNO));
    expect([codeOf(leaving), ruleOf(leaving)]).toEqual(['DOMAIN_RULE_VIOLATED', 'leader-cannot-leave']);
    const left = (await server.ok<any>(LEAVE, { id: groupId }, token(LEADER))).leaveTopicalGroup;
    expect(left.topicalGroup.members.map((m: { id: string }) => m.id)).toEqual([...MEMBERS]);
    // An outsider, an ADMIN and an AUDITOR are refused like every other caller without the right.
    const notMember = await server.graphql(LEAVE, { id: groupId }, token(OUTSIDER));
    expect(codeOf(notMember)).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(LEAVE, { id: groupId }, admin))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(LEAVE, { id: groupId }, await server.token('auditor', ['AUDITOR'])))).toBe('FORBIDDEN');
    expect((await server.ok<any>(CLOSE, { id: groupId, d: open }, token(BRUNO))).closeDecision.decision.status).toBe('REJECTED');
  });

  it('without an argument the subscription follows the groups the subscriber belongs to when each change is made', async () => {
    // The close above came while the first leader was out of the group; back in, they see what follows.
    await server.ok(JOIN, { id: groupId }, token(LEADER));
    const next = (await server.ok<any>(PROPOSE, { id: groupId, input: { title: 'Joint testing protocol', text: 'One protocol for all lots.' } }, token(BRUNO)))
      .proposeDecision.decision.id;
    const received = await leaderFeed.waitFor(changes.length + 1);
    const seen = received.map(({ decisionUpdated: d }) => ({ id: d.id, status: d.status, tally: d.tally }));
    expect(seen).toEqual([...changes, { id: next, status: 'OPEN', tally: { for: 0, against: 0, abstain: 0 } }]);
    // The outsider follows the group by id, whoever belongs to it: they saw the close as well.
    const followed = await outsiderFeed.waitFor(changes.length + 2);
    expect(followed.map(({ decisionUpdated: d }) => d.status).slice(-2)).toEqual(['REJECTED', 'OPEN']);
  });
});
