import { DomainRuleViolation, Forbidden, NotFound } from '../../../kernel/src/index.js';
import type { TopicalGroupCommand } from './topical-group.commands.js';
import type { TopicalGroupEvent } from './topical-group.events.js';
import { isGroupMember, tallyOf, type ActiveTopicalGroup, type DecisionState, type TopicalGroupState } from './topical-group.state.js';

/**
 * The rules of a topical group. Refusals of who may act are FORBIDDEN and come first, so an
 * outsider learns nothing about the group's decisions; unknown decision and action ids are
 * NOT_FOUND; everything else is a DOMAIN_RULE_VIOLATED with a stable rule id.
 */
export function decideTopicalGroup(command: TopicalGroupCommand, state: TopicalGroupState): TopicalGroupEvent[] {
  if (command.type === 'CreateTopicalGroup') {
    if (state.status !== 'none') {
      throw new DomainRuleViolation('topical-group-already-created', `topical group ${command.topicalGroupId} already exists`);
    }
    const { type: _type, ...data } = command;
    return [{ type: 'TopicalGroupCreated', data }];
  }
  if (state.status === 'none') throw new DomainRuleViolation('topical-group-not-created', 'no such topical group');
  const topicalGroupId = state.id;

  switch (command.type) {
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
      if (!command.byInCommunity) throw new Forbidden('only members of the community may join a topical group');
      if (isGroupMember(state, command.by)) {
        throw new DomainRuleViolation('already-group-member', `member ${command.by} already belongs to the group`);
      }
      return [{ type: 'MemberJoinedTopicalGroup', data: { topicalGroupId, memberId: command.by } }];

    case 'LeaveTopicalGroup':
      // Like every other act reserved to group members, leaving is FORBIDDEN to anyone else.
      requireMember(state, command.by, 'leave it');
      // A group is never left without its leader: appoint a successor first.
      if (state.leaderId === command.by) {
        throw new DomainRuleViolation('leader-cannot-leave', 'the leader may leave only once another leader is appointed');
      }
      return [{ type: 'MemberLeftTopicalGroup', data: { topicalGroupId, memberId: command.by } }];

    case 'RecordMeeting': {
      requireLeader(state, command.by, 'record meetings');
      const { meetingId, heldOn, title, minutes, attendeeIds } = command;
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
      requireMember(state, command.by, 'propose decisions');
      const { decisionId, title, text, dueBy } = command;
      if (state.decisions.some((decision) => decision.id === decisionId)) {
        throw new DomainRuleViolation('decision-already-proposed', `decision ${decisionId} is already proposed`);
      }
      return [{ type: 'DecisionProposed', data: { topicalGroupId, decisionId, proposedBy: command.by, title, text, dueBy } }];
    }

    case 'CastVote': {
      requireMember(state, command.by, 'vote');
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
      requireLeader(state, command.by, 'close decisions');
      const decision = openDecision(state, command.decisionId, 'close it');
      const tally = tallyOf(decision.votes);
      const data = { topicalGroupId, decisionId: decision.id, closedBy: command.by, tally };
      // Abstentions count for neither side: a tie, or no votes at all, rejects.
      return [tally.for > tally.against ? { type: 'DecisionAdopted', data } : { type: 'DecisionRejected', data }];
    }

    case 'AssignAction': {
      requireLeader(state, command.by, 'assign actions');
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
      if (command.by !== action.assigneeId && command.by !== state.leaderId) {
        throw new Forbidden('only the assignee or the group leader may complete an action');
      }
      if (action.completedAt !== null) {
        throw new DomainRuleViolation('action-already-completed', `action ${action.id} was completed at ${action.completedAt}`);
      }
      return [{ type: 'ActionCompleted', data: { topicalGroupId, actionId: action.id, completedBy: command.by } }];
    }
  }
}

function requireLeader(state: ActiveTopicalGroup, by: string, action: string): void {
  if (state.leaderId === null || state.leaderId !== by) throw new Forbidden(`only the leader of the topical group may ${action}`);
}

function requireMember(state: ActiveTopicalGroup, by: string, action: string): void {
  if (!isGroupMember(state, by)) throw new Forbidden(`only members of the topical group may ${action}`);
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
