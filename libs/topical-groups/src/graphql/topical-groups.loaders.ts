import type { RequestContext } from '#graphql';
import type { TopicalGroupQueries } from '../read-model/topical-groups.queries.js';
import { actionFromRow, decisionFromRow, meetingFromRow, topicalGroupFromRow, voteFromRow } from './topical-groups.mappers.js';
import type { ActionItemType, DecisionType, MeetingType, TopicalGroupType, VoteType } from './topical-groups.types.js';

const readingTimes = new WeakMap<RequestContext, Date>();

/** One instant per request, so every overdue flag in a response is judged at the same time. */
export function readingTime(request: RequestContext): Date {
  let now = readingTimes.get(request);
  if (!now) {
    now = new Date();
    readingTimes.set(request, now);
  }
  return now;
}

/** Per-request DataLoaders over the topical-group read model: one query per kind, whatever the page. */
export function loadTopicalGroup(request: RequestContext, queries: TopicalGroupQueries, id: string): Promise<TopicalGroupType | null> {
  return request.loaders
    .byKey('topicalGroupById', (ids) => queries.groupsByIds(ids), (row) => row.id)
    .load(id)
    .then((row) => (row ? topicalGroupFromRow(row) : null));
}

export function loadDecision(request: RequestContext, queries: TopicalGroupQueries, id: string): Promise<DecisionType | null> {
  return request.loaders
    .byKey('decisionById', (ids) => queries.decisionsByIds(ids), (row) => row.id)
    .load(id)
    .then((row) => (row ? decisionFromRow(row, readingTime(request)) : null));
}

export function loadMeeting(request: RequestContext, queries: TopicalGroupQueries, id: string): Promise<MeetingType | null> {
  return request.loaders
    .byKey('meetingById', (ids) => queries.meetingsByIds(ids), (row) => row.id)
    .load(id)
    .then((row) => (row ? meetingFromRow(row) : null));
}

export function loadAction(request: RequestContext, queries: TopicalGroupQueries, id: string): Promise<ActionItemType | null> {
  return request.loaders
    .byKey('actionById', (ids) => queries.actionsByIds(ids), (row) => row.id)
    .load(id)
    .then((row) => (row ? actionFromRow(row, readingTime(request)) : null));
}

export async function memberIdsOfGroup(request: RequestContext, queries: TopicalGroupQueries, groupId: string): Promise<string[]> {
  const rows = await request.loaders
    .groupedBy('membersByTopicalGroup', (ids) => queries.membersOfGroups(ids), (row) => row.topical_group_id)
    .load(groupId);
  return rows.map((row) => row.member_id);
}

export async function meetingsOfGroup(request: RequestContext, queries: TopicalGroupQueries, groupId: string): Promise<MeetingType[]> {
  const rows = await request.loaders
    .groupedBy('meetingsByTopicalGroup', (ids) => queries.meetingsOfGroups(ids), (row) => row.topical_group_id)
    .load(groupId);
  return rows.map(meetingFromRow);
}

export async function decisionsOfGroup(request: RequestContext, queries: TopicalGroupQueries, groupId: string): Promise<DecisionType[]> {
  const rows = await request.loaders
    .groupedBy('decisionsByTopicalGroup', (ids) => queries.decisionsOfGroups(ids), (row) => row.topical_group_id)
    .load(groupId);
  return rows.map((row) => decisionFromRow(row, readingTime(request)));
}

export async function actionsOfGroup(request: RequestContext, queries: TopicalGroupQueries, groupId: string): Promise<ActionItemType[]> {
  const rows = await request.loaders
    .groupedBy('actionsByTopicalGroup', (ids) => queries.actionsOfGroups(ids), (row) => row.topical_group_id)
    .load(groupId);
  return rows.map((row) => actionFromRow(row, readingTime(request)));
}

export async function votesOfDecision(request: RequestContext, queries: TopicalGroupQueries, decisionId: string): Promise<VoteType[]> {
  const rows = await request.loaders
    .groupedBy('votesByDecision', (ids) => queries.votesOfDecisions(ids), (row) => row.decision_id)
    .load(decisionId);
  return rows.map(voteFromRow);
}
