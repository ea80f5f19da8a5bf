import { loadedById, loadedByOwner, type RequestContext } from '#graphql';
import type { TopicalGroupQueries } from '../read-model/topical-groups.queries.js';
import { actionFromRow, decisionFromRow, meetingFromRow, topicalGroupFromRow, topicalGroupFromState, voteFromRow } from './topical-groups.mappers.js';
import { TopicalGroupType } from './topical-groups.types.js';

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
export const loadTopicalGroup = loadedById('topicalGroupById', (queries: TopicalGroupQueries, ids) => queries.groupsByIds(ids), topicalGroupFromRow);

export const loadDecision = loadedById('decisionById', (queries: TopicalGroupQueries, ids) => queries.decisionsByIds(ids), (row, request) =>
  decisionFromRow(row, readingTime(request)),
);

export const loadMeeting = loadedById('meetingById', (queries: TopicalGroupQueries, ids) => queries.meetingsByIds(ids), meetingFromRow);

export const loadAction = loadedById('actionById', (queries: TopicalGroupQueries, ids) => queries.actionsByIds(ids), (row, request) =>
  actionFromRow(row, readingTime(request)),
);

export const memberIdsOfGroup = loadedByOwner(
  'membersByTopicalGroup',
  (queries: TopicalGroupQueries, ids) => queries.membersOfGroups(ids),
  (row) => row.topical_group_id,
  (row) => row.member_id,
);

export const meetingsOfGroup = loadedByOwner(
  'meetingsByTopicalGroup',
  (queries: TopicalGroupQueries, ids) => queries.meetingsOfGroups(ids),
  (row) => row.topical_group_id,
  meetingFromRow,
);

export const decisionsOfGroup = loadedByOwner(
  'decisionsByTopicalGroup',
  (queries: TopicalGroupQueries, ids) => queries.decisionsOfGroups(ids),
  (row) => row.topical_group_id,
  (row, request) => decisionFromRow(row, readingTime(request)),
);

export const actionsOfGroup = loadedByOwner(
  'actionsByTopicalGroup',
  (queries: TopicalGroupQueries, ids) => queries.actionsOfGroups(ids),
  (row) => row.topical_group_id,
  (row, request) => actionFromRow(row, readingTime(request)),
);

export const votesOfDecision = loadedByOwner(
  'votesByDecision',
  (queries: TopicalGroupQueries, ids) => queries.votesOfDecisions(ids),
  (row) => row.decision_id,
  voteFromRow,
);

/** How clients read a topical group: by id now, or as it was at an instant (overdue judged then). */
export const topicalGroupView = {
  query: 'topicalGroup', type: () => TopicalGroupType, load: loadTopicalGroup, fromState: topicalGroupFromState,
  description: 'asOf: the group, its decisions, votes and actions as they were then (AUDITOR, ADMIN).',
};
