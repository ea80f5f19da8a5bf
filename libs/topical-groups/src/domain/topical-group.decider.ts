import { DomainRuleViolation, NotFound, type Decider, type DomainEvent, type Recorded } from '#kernel';
import { isGroupMember, tallyOf, type ActionState, type ActiveTopicalGroup, type DecisionState, type TopicalGroupState, type VoteChoice, type VoteTally } from './topical-group.state.js';
import { TOPICAL_GROUP_RULES } from './topical-group.rules.js';

/**
 * Commands on one topical group. `by` is the acting member (the token's subject): who leads
 * the group and who belongs to it are facts of the group's stream, checked by the command
 * table before deciding. Ids of new meetings, decisions and actions are chosen by the table,
 * so a retry carries the same ones.
 */
export type TopicalGroupCommand =
  | { type: 'CreateTopicalGroup'; topicalGroupId: string; name: string; topic: string; description: string }
  | { type: 'RenameTopicalGroup'; name: string }
  | {
      type: 'AppointTopicalGroupLeader';
      memberId: string;
      /** The member is in the community, as the network read model knows it (not erased). */
      memberInCommunity: boolean;
    }
  | { type: 'JoinTopicalGroup'; by: string; /** `by` is in the community (not erased) */ byInCommunity: boolean }
  | { type: 'LeaveTopicalGroup'; by: string }
  | {
      type: 'RecordMeeting';
      by: string;
      meetingId: string;
      heldOn: string;
      title: string;
      minutes: string;
      attendeeIds: string[];
      /** When the leader records it, by the server's clock: a meeting is recorded once held. */
      recordedOn: string;
    }
  | { type: 'ProposeDecision'; by: string; decisionId: string; title: string; text: string; dueBy: string | null }
  | { type: 'CastVote'; by: string; decisionId: string; choice: VoteChoice }
  | { type: 'CloseDecision'; by: string; decisionId: string }
  | {
      type: 'AssignAction';
      by: string;
      actionId: string;
      title: string;
      assigneeId: string;
      dueBy: string | null;
      decisionId: string | null;
    }
  | { type: 'CompleteAction'; by: string; actionId: string };

/** Every fact of a topical group; all of them live in the group's own stream. */
export type TopicalGroupEvent =
  | DomainEvent<'TopicalGroupCreated', { topicalGroupId: string; name: string; topic: string; description: string }>
  | DomainEvent<'TopicalGroupRenamed', { topicalGroupId: string; name: string; previousName: string }>
  | DomainEvent<
      'TopicalGroupLeaderAppointed',
      { topicalGroupId: string; memberId: string; /** the leader this appointment replaced */ replacedLeaderId: string | null }
    >
  | DomainEvent<'MemberJoinedTopicalGroup', { topicalGroupId: string; memberId: string }>
  | DomainEvent<'MemberLeftTopicalGroup', { topicalGroupId: string; memberId: string }>
  | DomainEvent<
      'MeetingRecorded',
      { topicalGroupId: string; meetingId: string; heldOn: string; title: string; minutes: string; attendeeIds: string[] }
    >
  | DomainEvent<
      'DecisionProposed',
      { topicalGroupId: string; decisionId: string; proposedBy: string; title: string; text: string; dueBy: string | null }
    >
  | DomainEvent<
      'VoteCast',
      { topicalGroupId: string; decisionId: string; memberId: string; choice: VoteChoice; /** null on a first vote */ previousChoice: VoteChoice | null }
    >
  | DomainEvent<'DecisionAdopted', { topicalGroupId: string; decisionId: string; closedBy: string; tally: VoteTally }>
  | DomainEvent<'DecisionRejected', { topicalGroupId: string; decisionId: string; closedBy: string; tally: VoteTally }>
  | DomainEvent<
      'ActionAssigned',
      { topicalGroupId: string; actionId: string; title: string; assigneeId: string; dueBy: string | null; decisionId: string | null; assignedBy: string }
    >
  | DomainEvent<'ActionCompleted', { topicalGroupId: string; actionId: string; completedBy: string }>;

export type TopicalGroupEventType = TopicalGroupEvent['type'];

/** The events that change a decision: what `decisionUpdated` pushes. */
export const DECISION_EVENT_TYPES: ReadonlySet<string> = new Set<TopicalGroupEventType>([
  'DecisionProposed',
  'VoteCast',
  'DecisionAdopted',
  'DecisionRejected',
]);

/** Clocks of clients and the server differ a little: a meeting that just ended is never refused. */
export const MEETING_CLOCK_TOLERANCE_MS = 5 * 60_000;

export const topicalGroupStream = (id: string) => `topical-group-${id}`;

/** A topical group with its members, meetings, decisions, votes and actions: one stream, one decider. */
export const topicalGroupDecider: Decider<TopicalGroupCommand, TopicalGroupEvent, TopicalGroupState> = {
  initialState: null,
  decide,
  evolve,
};

/**
 * The rules of a topical group, once the command table has let the caller act: unknown decision
 * and action ids are NOT_FOUND; everything else is a DOMAIN_RULE_VIOLATED with a stable rule id.
 */
function decide(command: TopicalGroupCommand, state: TopicalGroupState): TopicalGroupEvent[] {
  if (command.type === 'CreateTopicalGroup') {
    if (state) {
      throw new DomainRuleViolation('topical-group-already-created', `topical group ${command.topicalGroupId} already exists`);
    }
    const { type: _type, ...data } = command;
    return [{ type: 'TopicalGroupCreated', data }];
  }
  if (!state) throw new DomainRuleViolation('topical-group-not-created', 'no such topical group');
  const topicalGroupId = state.id;

  switch (command.type) {
    case 'RenameTopicalGroup':
      // The name it already has changes nothing, so it records nothing.
      if (command.name === state.name) return [];
      return [{ type: 'TopicalGroupRenamed', data: { topicalGroupId, name: command.name, previousName: state.name } }];

    case 'AppointTopicalGroupLeader': {
      const { memberId } = command;
      if (!command.memberInCommunity) {
        throw new DomainRuleViolation('leader-not-in-community', `member ${memberId} is not a member of the community`);
      }
      if (state.leaderId === memberId) {
        throw new DomainRuleViolation('leader-already-appointed', `member ${memberId} already leads the group`);
      }
      // The leader works inside the group: appointing an outsider makes them a member first.
      const joins: TopicalGroupEvent[] = isGroupMember(state, memberId)
        ? []
        : [{ type: 'MemberJoinedTopicalGroup', data: { topicalGroupId, memberId } }];
      return [...joins, { type: 'TopicalGroupLeaderAppointed', data: { topicalGroupId, memberId, replacedLeaderId: state.leaderId } }];
    }

    case 'JoinTopicalGroup':
      if (isGroupMember(state, command.by)) {
        throw new DomainRuleViolation('already-group-member', `member ${command.by} already belongs to the group`);
      }
      return [{ type: 'MemberJoinedTopicalGroup', data: { topicalGroupId, memberId: command.by } }];

    case 'LeaveTopicalGroup':
      if (!isGroupMember(state, command.by)) {
        throw new DomainRuleViolation('not-a-group-member', `member ${command.by} does not belong to the group`);
      }
      // A group is never left without its leader: appoint a successor first.
      if (state.leaderId === command.by) {
        throw new DomainRuleViolation('leader-cannot-leave', 'the leader may leave only once another leader is appointed');
      }
      return [{ type: 'MemberLeftTopicalGroup', data: { topicalGroupId, memberId: command.by } }];

    case 'RecordMeeting': {
      const { meetingId, heldOn, title, minutes, attendeeIds } = command;
      if (Date.parse(heldOn) > Date.parse(command.recordedOn) + MEETING_CLOCK_TOLERANCE_MS) {
        throw new DomainRuleViolation('meeting-held-in-future', `${TOPICAL_GROUP_RULES['meeting-held-in-future']}: ${heldOn} is after ${command.recordedOn}`);
      }
      if (state.meetings.some((meeting) => meeting.id === meetingId)) {
        throw new DomainRuleViolation('meeting-already-recorded', `meeting ${meetingId} is already recorded`);
      }
      if (attendeeIds.length === 0) throw new DomainRuleViolation('meeting-without-attendees', 'a meeting needs at least one attendee');
      const outsiders = attendeeIds.filter((id) => !isGroupMember(state, id));
      if (outsiders.length > 0) {
        throw new DomainRuleViolation('attendee-not-group-member', `attendees must be members of the group: ${outsiders.join(', ')}`);
      }
      return [{ type: 'MeetingRecorded', data: { topicalGroupId, meetingId, heldOn, title, minutes, attendeeIds } }];
    }

    case 'ProposeDecision': {
      const { decisionId, title, text, dueBy } = command;
      if (state.decisions.some((decision) => decision.id === decisionId)) {
        throw new DomainRuleViolation('decision-already-proposed', `decision ${decisionId} is already proposed`);
      }
      return [{ type: 'DecisionProposed', data: { topicalGroupId, decisionId, proposedBy: command.by, title, text, dueBy } }];
    }

    case 'CastVote': {
      const decision = openDecision(state, command.decisionId, 'vote on it');
      const previous = decision.votes.find((vote) => vote.memberId === command.by)?.choice ?? null;
      // Casting the same choice again changes nothing, so it records nothing.
      if (previous === command.choice) return [];
      return [
        {
          type: 'VoteCast',
          data: { topicalGroupId, decisionId: decision.id, memberId: command.by, choice: command.choice, previousChoice: previous },
        },
      ];
    }

    case 'CloseDecision': {
      const decision = openDecision(state, command.decisionId, 'close it');
      const tally = tallyOf(decision.votes);
      const data = { topicalGroupId, decisionId: decision.id, closedBy: command.by, tally };
      // Abstentions count for neither side: a tie, or no votes at all, rejects.
      return [tally.for > tally.against ? { type: 'DecisionAdopted', data } : { type: 'DecisionRejected', data }];
    }

    case 'AssignAction': {
      const { actionId, title, assigneeId, dueBy, decisionId } = command;
      if (state.actions.some((action) => action.id === actionId)) {
        throw new DomainRuleViolation('action-already-assigned', `action ${actionId} is already assigned`);
      }
      if (!isGroupMember(state, assigneeId)) {
        throw new DomainRuleViolation('assignee-not-group-member', `member ${assigneeId} does not belong to the group`);
      }
      if (decisionId !== null) decisionOf(state, decisionId);
      return [
        { type: 'ActionAssigned', data: { topicalGroupId, actionId, title, assigneeId, dueBy, decisionId, assignedBy: command.by } },
      ];
    }

    case 'CompleteAction': {
      const action = state.actions.find((candidate) => candidate.id === command.actionId);
      if (!action) throw new NotFound('action', command.actionId);
      if (action.completedAt !== null) {
        throw new DomainRuleViolation('action-already-completed', `action ${action.id} was completed at ${action.completedAt}`);
      }
      return [{ type: 'ActionCompleted', data: { topicalGroupId, actionId: action.id, completedBy: command.by } }];
    }
  }
}

function decisionOf(state: ActiveTopicalGroup, decisionId: string): DecisionState {
  const decision = state.decisions.find((candidate) => candidate.id === decisionId);
  if (!decision) throw new NotFound('decision', decisionId);
  return decision;
}

function openDecision(state: ActiveTopicalGroup, decisionId: string, action: string): DecisionState {
  const decision = decisionOf(state, decisionId);
  if (decision.status !== 'OPEN') {
    throw new DomainRuleViolation('decision-closed', `decision ${decisionId} is ${decision.status}; too late to ${action}`);
  }
  return decision;
}

function evolve(state: TopicalGroupState, event: Recorded<TopicalGroupEvent>): TopicalGroupState {
  const at = event.recordedAt;
  if (event.type === 'TopicalGroupCreated') {
    const { topicalGroupId: id, name, topic, description } = event.data;
    return { status: 'active', id, name, topic, description, createdAt: at, leaderId: null, members: [], meetings: [], decisions: [], actions: [] };
  }
  if (!state) return state;
  switch (event.type) {
    case 'TopicalGroupRenamed':
      return { ...state, name: event.data.name };
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
