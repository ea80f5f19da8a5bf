import type { TopicalGroupEvent, VoteChoice } from '../src/domain/topical-group.js';

/** Event builders for the specs: the group "Ballistic protection" and its people. */
export const GROUP = 'tg-1';
export const LEADER = 'leader';
export const ANNA = 'anna';
export const BRUNO = 'bruno';
export const CARLA = 'carla';
export const OUTSIDER = 'outsider';
export const DECISION = 'decision-1';
export const ACTION = 'action-1';

export const created = (): TopicalGroupEvent => ({
  type: 'TopicalGroupCreated',
  data: { topicalGroupId: GROUP, name: 'Ballistic protection', topic: 'Body armour', description: 'Joint specs for vests' },
});
export const joined = (memberId: string): TopicalGroupEvent => ({
  type: 'MemberJoinedTopicalGroup',
  data: { topicalGroupId: GROUP, memberId },
});
export const left = (memberId: string): TopicalGroupEvent => ({ type: 'MemberLeftTopicalGroup', data: { topicalGroupId: GROUP, memberId } });
export const appointed = (memberId: string, replacedLeaderId: string | null = null): TopicalGroupEvent => ({
  type: 'TopicalGroupLeaderAppointed',
  data: { topicalGroupId: GROUP, memberId, replacedLeaderId },
});
export const proposed = (decisionId = DECISION, by = ANNA, dueBy: string | null = null): TopicalGroupEvent => ({
  type: 'DecisionProposed',
  data: { topicalGroupId: GROUP, decisionId, proposedBy: by, title: 'Adopt NIJ 0101.07', text: 'Level IIIA minimum', dueBy },
});
export const voted = (memberId: string, choice: VoteChoice, previousChoice: VoteChoice | null = null, decisionId = DECISION): TopicalGroupEvent => ({
  type: 'VoteCast',
  data: { topicalGroupId: GROUP, decisionId, memberId, choice, previousChoice },
});
export const adopted = (tally = { for: 1, against: 0, abstain: 0 }, decisionId = DECISION): TopicalGroupEvent => ({
  type: 'DecisionAdopted',
  data: { topicalGroupId: GROUP, decisionId, closedBy: LEADER, tally },
});
export const assigned = (assigneeId = ANNA, actionId = ACTION, decisionId: string | null = null): TopicalGroupEvent => ({
  type: 'ActionAssigned',
  data: { topicalGroupId: GROUP, actionId, title: 'Draft the spec', assigneeId, dueBy: null, decisionId, assignedBy: LEADER },
});
export const completed = (by = ANNA, actionId = ACTION): TopicalGroupEvent => ({
  type: 'ActionCompleted',
  data: { topicalGroupId: GROUP, actionId, completedBy: by },
});

/** A created group led by LEADER, with ANNA and BRUNO as members. */
export const ledGroup = (): TopicalGroupEvent[] => [created(), joined(LEADER), appointed(LEADER), joined(ANNA), joined(BRUNO)];
