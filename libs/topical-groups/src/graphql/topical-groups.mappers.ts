import { actionOverdue, decisionOverdue, tallyOf, type ActionState, type ActiveTopicalGroup, type DecisionState, type TopicalGroupState } from '../domain/topical-group.js';
import type { ActionRow, DecisionRow, MeetingRow, TopicalGroupRow, VoteRow } from '../read-model/topical-groups.queries.js';
import type { ActionItemType, DecisionType, MeetingType, TopicalGroupType, VoteType } from './topical-groups.types.js';

const dateOrNull = (value: string | null): Date | null => (value === null ? null : new Date(value));

export function topicalGroupFromRow(row: TopicalGroupRow): TopicalGroupType {
  return {
    id: row.id,
    name: row.name,
    topic: row.topic,
    description: row.description,
    leaderId: row.leader_id,
    createdAt: new Date(row.created_at),
    version: row.version,
  };
}

export function meetingFromRow(row: MeetingRow): MeetingType {
  return {
    id: row.id,
    heldOn: new Date(row.held_on),
    title: row.title,
    minutes: row.minutes,
    attendeeIds: JSON.parse(row.attendee_ids) as string[],
    recordedAt: new Date(row.recorded_at),
  };
}

/** `now` is the reading time the overdue flag is judged against. */
export function decisionFromRow(row: DecisionRow, now: Date): DecisionType {
  return {
    id: row.id,
    topicalGroupId: row.topical_group_id,
    title: row.title,
    text: row.text,
    status: row.status,
    proposedById: row.proposed_by,
    proposedAt: new Date(row.proposed_at),
    dueBy: dateOrNull(row.due_by),
    tally: { for: row.votes_for, against: row.votes_against, abstain: row.votes_abstain },
    closedAt: dateOrNull(row.closed_at),
    overdue: decisionOverdue({ status: row.status, dueBy: row.due_by }, now),
  };
}

export function voteFromRow(row: VoteRow): VoteType {
  return { memberId: row.member_id, choice: row.choice, castAt: new Date(row.cast_at) };
}

export function actionFromRow(row: ActionRow, now: Date): ActionItemType {
  return {
    id: row.id,
    topicalGroupId: row.topical_group_id,
    title: row.title,
    assigneeId: row.assignee_id,
    dueBy: dateOrNull(row.due_by),
    decisionId: row.decision_id,
    assignedAt: new Date(row.assigned_at),
    completedAt: dateOrNull(row.completed_at),
    completedById: row.completed_by,
    overdue: actionOverdue({ completedAt: row.completed_at, dueBy: row.due_by }, now),
  };
}

/**
 * The group as its own stream tells it up to `version` (time travel, live feed), with every
 * nested decision, vote, meeting and action taken from that same state; overdue judged at `now`.
 */
export function topicalGroupFromState(state: TopicalGroupState, version: number, now: Date): TopicalGroupType | null {
  if (!state) return null;
  const group: TopicalGroupType = {
    id: state.id,
    name: state.name,
    topic: state.topic,
    description: state.description,
    leaderId: state.leaderId,
    createdAt: new Date(state.createdAt),
    version,
  };
  const decisions = state.decisions.map((decision) => decisionFromState(state, decision, group, now));
  group.snapshot = {
    memberIds: state.members.map((member) => member.memberId),
    meetings: state.meetings.map((meeting) => ({
      id: meeting.id,
      heldOn: new Date(meeting.heldOn),
      title: meeting.title,
      minutes: meeting.minutes,
      attendeeIds: meeting.attendeeIds,
      recordedAt: new Date(meeting.recordedAt),
    })),
    decisions,
    actions: state.actions.map((action) => actionFromState(state, action, decisions, now)),
  };
  return group;
}

function decisionFromState(state: ActiveTopicalGroup, decision: DecisionState, group: TopicalGroupType, now: Date): DecisionType {
  return {
    id: decision.id,
    topicalGroupId: state.id,
    title: decision.title,
    text: decision.text,
    status: decision.status,
    proposedById: decision.proposedBy,
    proposedAt: new Date(decision.proposedAt),
    dueBy: dateOrNull(decision.dueBy),
    tally: tallyOf(decision.votes),
    closedAt: dateOrNull(decision.closedAt),
    overdue: decisionOverdue(decision, now),
    snapshot: {
      votes: decision.votes.map((vote) => ({ memberId: vote.memberId, choice: vote.choice, castAt: new Date(vote.castAt) })),
      group,
    },
  };
}

function actionFromState(state: ActiveTopicalGroup, action: ActionState, decisions: DecisionType[], now: Date): ActionItemType {
  return {
    id: action.id,
    topicalGroupId: state.id,
    title: action.title,
    assigneeId: action.assigneeId,
    dueBy: dateOrNull(action.dueBy),
    decisionId: action.decisionId,
    assignedAt: new Date(action.assignedAt),
    completedAt: dateOrNull(action.completedAt),
    completedById: action.completedBy,
    overdue: actionOverdue(action, now),
    snapshotDecision: decisions.find((decision) => decision.id === action.decisionId) ?? null,
  };
}
