import type { TopicalGroupEvent, VoteChoice, VoteTally } from './topical-group.events.js';

export type DecisionStatus = 'OPEN' | 'ADOPTED' | 'REJECTED';

export interface VoteState {
  memberId: string;
  choice: VoteChoice;
  castAt: string;
}

export interface DecisionState {
  id: string;
  title: string;
  text: string;
  status: DecisionStatus;
  proposedBy: string;
  proposedAt: string;
  dueBy: string | null;
  /** The last vote of each member, in the order members first voted. */
  votes: VoteState[];
  closedAt: string | null;
}

export interface MeetingState {
  id: string;
  heldOn: string;
  title: string;
  minutes: string;
  attendeeIds: string[];
  recordedAt: string;
}

export interface ActionState {
  id: string;
  title: string;
  assigneeId: string;
  dueBy: string | null;
  decisionId: string | null;
  assignedAt: string;
  completedAt: string | null;
  completedBy: string | null;
}

export interface GroupMemberState {
  memberId: string;
  joinedAt: string;
}

/** Everything the group's stream tells, enough to render it as it was at any point (time travel). */
export type TopicalGroupState =
  | { status: 'none' }
  | {
      status: 'active';
      id: string;
      name: string;
      topic: string;
      description: string;
      createdAt: string;
      leaderId: string | null;
      members: GroupMemberState[];
      meetings: MeetingState[];
      decisions: DecisionState[];
      actions: ActionState[];
    };

export type ActiveTopicalGroup = Extract<TopicalGroupState, { status: 'active' }>;

export function isGroupMember(state: ActiveTopicalGroup, memberId: string): boolean {
  return state.members.some((member) => member.memberId === memberId);
}

export function tallyOf(votes: readonly VoteState[]): VoteTally {
  const tally: VoteTally = { for: 0, against: 0, abstain: 0 };
  for (const vote of votes) {
    if (vote.choice === 'FOR') tally.for += 1;
    else if (vote.choice === 'AGAINST') tally.against += 1;
    else tally.abstain += 1;
  }
  return tally;
}

export function evolveTopicalGroup(state: TopicalGroupState, event: TopicalGroupEvent): TopicalGroupState {
  const at = event.recordedAt ?? '';
  if (event.type === 'TopicalGroupCreated') {
    const { topicalGroupId: id, name, topic, description } = event.data;
    return { status: 'active', id, name, topic, description, createdAt: at, leaderId: null, members: [], meetings: [], decisions: [], actions: [] };
  }
  if (state.status !== 'active') return state;
  switch (event.type) {
    case 'TopicalGroupLeaderAppointed':
      return { ...state, leaderId: event.data.memberId };
    case 'MemberJoinedTopicalGroup':
      return { ...state, members: [...state.members, { memberId: event.data.memberId, joinedAt: at }] };
    case 'MemberLeftTopicalGroup':
      return { ...state, members: state.members.filter((member) => member.memberId !== event.data.memberId) };
    case 'MeetingRecorded': {
      const { meetingId: id, heldOn, title, minutes, attendeeIds } = event.data;
      return { ...state, meetings: [...state.meetings, { id, heldOn, title, minutes, attendeeIds, recordedAt: at }] };
    }
    case 'DecisionProposed': {
      const { decisionId: id, proposedBy, title, text, dueBy } = event.data;
      const decision: DecisionState = { id, title, text, status: 'OPEN', proposedBy, proposedAt: at, dueBy, votes: [], closedAt: null };
      return { ...state, decisions: [...state.decisions, decision] };
    }
    case 'VoteCast': {
      const { memberId, choice } = event.data;
      return withDecision(state, event.data.decisionId, (decision) => {
        const vote = { memberId, choice, castAt: at };
        const known = decision.votes.some((v) => v.memberId === memberId);
        const votes = known ? decision.votes.map((v) => (v.memberId === memberId ? vote : v)) : [...decision.votes, vote];
        return { ...decision, votes };
      });
    }
    case 'DecisionAdopted':
    case 'DecisionRejected': {
      const status = event.type === 'DecisionAdopted' ? 'ADOPTED' : 'REJECTED';
      return withDecision(state, event.data.decisionId, (decision) => ({ ...decision, status, closedAt: at }));
    }
    case 'ActionAssigned': {
      const { actionId: id, title, assigneeId, dueBy, decisionId } = event.data;
      const action: ActionState = { id, title, assigneeId, dueBy, decisionId, assignedAt: at, completedAt: null, completedBy: null };
      return { ...state, actions: [...state.actions, action] };
    }
    case 'ActionCompleted':
      return {
        ...state,
        actions: state.actions.map((action) =>
          action.id === event.data.actionId ? { ...action, completedAt: at, completedBy: event.data.completedBy } : action,
        ),
      };
    default:
      return state;
  }
}

function withDecision(state: ActiveTopicalGroup, id: string, change: (decision: DecisionState) => DecisionState): ActiveTopicalGroup {
  return { ...state, decisions: state.decisions.map((decision) => (decision.id === id ? change(decision) : decision)) };
}
