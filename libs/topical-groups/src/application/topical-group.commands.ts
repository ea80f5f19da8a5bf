import { BadUserInput, Forbidden, newId, requiredText, scopedIdempotencyKey, systemClock, uuidV5, commandsOf, type Aggregate, type Caller, type CommandContext, type CommandRules } from '#kernel';
import type { MemberRow, NetworkAccess, NetworkQueries } from '#network';
import { VOTE_CHOICES, isGroupMember, topicalGroupDecider, topicalGroupStream, type ActiveTopicalGroup, type TopicalGroupCommand, type TopicalGroupEvent, type TopicalGroupState, type VoteChoice } from '../domain/topical-group.js';

export interface TopicalGroupServices {
  access: NetworkAccess;
  network: NetworkQueries;
}

export const topicalGroups: Aggregate<TopicalGroupCommand, TopicalGroupEvent, TopicalGroupState> = {
  name: 'topical group',
  decider: topicalGroupDecider,
  stream: topicalGroupStream,
};

/**
 * Id of a meeting, decision or action the command adds: derived from the idempotency key when
 * there is one, so that a retry names the same thing and its payload shows the first result.
 */
function childId(context: CommandContext, topicalGroupId: string, kind: 'meeting' | 'decision' | 'action'): string {
  if (!context.idempotencyKey) return newId();
  // Scoped to the caller like the retry detection itself: another member's same key names
  // another child, and a replay by the same caller always finds its own.
  return uuidV5(`${kind}|${topicalGroupId}|${scopedIdempotencyKey(context.idempotencyKey, context.actor.subject, kind)}`);
}

/** A date from the DateTime scalar, as the ISO string events carry. */
function instant(value: Date | null | undefined, field: string): string | null {
  if (value == null) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new BadUserInput(field, 'must be an ISO 8601 date-time');
  return value.toISOString();
}

/**
 * Community membership as topical groups count it: admitted to the community and not erased.
 * Erasure is how a person leaves the community for good, so an erased member neither joins
 * nor leads a topical group.
 */
function inCommunity(member: MemberRow | undefined): boolean {
  return member !== undefined && member.erased === 0;
}

function requireLeader(state: ActiveTopicalGroup, by: string, action: string): void {
  if (state.leaderId === null || state.leaderId !== by) throw new Forbidden(`only the leader of the topical group may ${action}`);
}

function requireMember(state: ActiveTopicalGroup, by: string, action: string): void {
  if (!isGroupMember(state, by)) throw new Forbidden(`only members of the topical group may ${action}`);
}

/**
 * Who may act, from the group's own facts (its leader and members) and the acting member `by`.
 * Refusals come before any rule, so an outsider learns nothing about the group's decisions.
 */
export function topicalGroupAccess(command: TopicalGroupCommand, state: TopicalGroupState): void {
  if (!state) return;
  switch (command.type) {
    case 'JoinTopicalGroup':
      if (!command.byInCommunity) throw new Forbidden('only members of the community may join a topical group');
      return;
    case 'LeaveTopicalGroup':
      // Like every other act reserved to group members: an outsider, an ADMIN or an AUDITOR
      // is FORBIDDEN, not told a domain rule.
      return requireMember(state, command.by, 'leave it');
    case 'RecordMeeting':
      return requireLeader(state, command.by, 'record meetings');
    case 'ProposeDecision':
      return requireMember(state, command.by, 'propose decisions');
    case 'CastVote':
      return requireMember(state, command.by, 'vote');
    case 'CloseDecision':
      return requireLeader(state, command.by, 'close decisions');
    case 'AssignAction':
      return requireLeader(state, command.by, 'assign actions');
    case 'CompleteAction': {
      // An unknown action is the decider's NOT_FOUND.
      const action = state.actions.find((candidate) => candidate.id === command.actionId);
      if (action && command.by !== action.assigneeId && command.by !== state.leaderId) {
        throw new Forbidden('only the assignee or the group leader may complete an action');
      }
      return;
    }
    default:
      return;
  }
}

const byTheGroup = (_caller: Caller<TopicalGroupServices>, command: TopicalGroupCommand, state: TopicalGroupState) =>
  topicalGroupAccess(command, state);

const admin =
  (action: string) =>
  ({ actor, services }: Caller<TopicalGroupServices>) =>
    services.access.requireAdmin(actor, action);

interface CreateTopicalGroupSent {
  input: { id?: string | null; name: string; topic: string; description: string };
}

interface AssignActionSent {
  id: string;
  input: { title: string; assigneeId: string; dueBy?: Date | null; decisionId?: string | null };
}

export const topicalGroupRules = {
  CreateTopicalGroup: {
    creates: ({ input }: CreateTopicalGroupSent) => input.id,
    complete: ({ input }: CreateTopicalGroupSent, _caller, id) => ({
      topicalGroupId: id,
      name: requiredText(input.name, 'input.name', 200),
      topic: requiredText(input.topic, 'input.topic', 200),
      description: requiredText(input.description, 'input.description', 5000),
    }),
    may: admin('create a topical group'),
  },
  RenameTopicalGroup: {
    complete: ({ name }: { id: string; name: string }) => ({ name: requiredText(name, 'name', 200) }),
    may: admin('rename a topical group'),
  },
  AppointTopicalGroupLeader: {
    complete: ({ memberId }: { id: string; memberId: string }, { services }) => ({
      memberId,
      memberInCommunity: inCommunity(services.network.member(memberId)),
    }),
    may: admin('appoint a topical group leader'),
  },
  JoinTopicalGroup: {
    complete: (_sent: { id: string }, { actor, services }) => ({
      by: actor.subject,
      byInCommunity: inCommunity(services.network.member(actor.subject)),
    }),
    may: byTheGroup,
  },
  LeaveTopicalGroup: {
    complete: (_sent: { id: string }, { actor }) => ({ by: actor.subject }),
    may: byTheGroup,
  },
  RecordMeeting: {
    complete: ({ id, input }: { id: string; input: { heldOn: Date; title: string; minutes: string; attendeeIds: string[] } }, { actor, context }) => {
      const heldOn = instant(input.heldOn, 'input.heldOn')!;
      const title = requiredText(input.title, 'input.title', 300);
      const minutes = requiredText(input.minutes, 'input.minutes', 100_000);
      const attendeeIds = input.attendeeIds.map((attendee, index) => requiredText(attendee, `input.attendeeIds[${index}]`, 100));
      const twice = attendeeIds.find((attendee, index) => attendeeIds.indexOf(attendee) !== index);
      if (twice) throw new BadUserInput('input.attendeeIds', `lists ${twice} more than once`);
      const recordedOn = systemClock.now().toISOString();
      return { by: actor.subject, meetingId: childId(context, id, 'meeting'), heldOn, title, minutes, attendeeIds, recordedOn };
    },
    may: byTheGroup,
  },
  ProposeDecision: {
    complete: ({ id, input }: { id: string; input: { title: string; text: string; dueBy?: Date | null } }, { actor, context }) => ({
      by: actor.subject,
      title: requiredText(input.title, 'input.title', 300),
      text: requiredText(input.text, 'input.text', 20_000),
      dueBy: instant(input.dueBy, 'input.dueBy'),
      decisionId: childId(context, id, 'decision'),
    }),
    may: byTheGroup,
  },
  CastVote: {
    complete: ({ decisionId, choice }: { id: string; decisionId: string; choice: VoteChoice }, { actor }) => {
      if (!VOTE_CHOICES.includes(choice)) throw new BadUserInput('choice', `must be one of ${VOTE_CHOICES.join(', ')}`);
      return { by: actor.subject, decisionId, choice };
    },
    may: byTheGroup,
  },
  CloseDecision: {
    complete: ({ decisionId }: { id: string; decisionId: string }, { actor }) => ({ by: actor.subject, decisionId }),
    may: byTheGroup,
  },
  AssignAction: {
    complete: ({ id, input }: AssignActionSent, { actor, context }) => {
      const title = requiredText(input.title, 'input.title', 300);
      const assigneeId = requiredText(input.assigneeId, 'input.assigneeId', 100);
      const dueBy = instant(input.dueBy, 'input.dueBy');
      const decisionId = input.decisionId == null ? null : requiredText(input.decisionId, 'input.decisionId', 100);
      return { by: actor.subject, actionId: childId(context, id, 'action'), title, assigneeId, dueBy, decisionId };
    },
    may: byTheGroup,
  },
  CompleteAction: {
    complete: ({ actionId }: { id: string; actionId: string }, { actor }) => ({ by: actor.subject, actionId }),
    may: byTheGroup,
  },
} satisfies CommandRules<TopicalGroupCommand, TopicalGroupState, TopicalGroupServices>;

export class TopicalGroupCommands extends commandsOf(topicalGroups, topicalGroupRules) {}
