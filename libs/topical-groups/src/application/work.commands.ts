import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BadUserInput, requiredText, type CommandContext } from '../../../kernel/src/index.js';
import { CommandExecutor } from '../../../projections/src/index.js';
import type { VoteChoice } from '../domain/topical-group.js';
import { VOTE_CHOICES } from '../domain/topical-group.js';
import { childId, instant, onTopicalGroup, type TopicalGroupChange } from './on-topical-group.js';

/** The group's work: meetings, decisions and votes, actions. Who may do each is the decider's call. */

export class RecordMeeting {
  constructor(
    readonly id: string,
    readonly input: { heldOn: Date; title: string; minutes: string; attendeeIds: string[] },
    readonly context: CommandContext,
  ) {}
}

export class ProposeDecision {
  constructor(
    readonly id: string,
    readonly input: { title: string; text: string; dueBy?: Date | null },
    readonly context: CommandContext,
  ) {}
}

export class CastVote {
  constructor(readonly id: string, readonly decisionId: string, readonly choice: VoteChoice, readonly context: CommandContext) {}
}

export class CloseDecision {
  constructor(readonly id: string, readonly decisionId: string, readonly context: CommandContext) {}
}

export class AssignAction {
  constructor(
    readonly id: string,
    readonly input: { title: string; assigneeId: string; dueBy?: Date | null; decisionId?: string | null },
    readonly context: CommandContext,
  ) {}
}

export class CompleteAction {
  constructor(readonly id: string, readonly actionId: string, readonly context: CommandContext) {}
}

@CommandHandler(RecordMeeting)
export class RecordMeetingHandler implements ICommandHandler<RecordMeeting, TopicalGroupChange> {
  constructor(@Inject(CommandExecutor) private readonly commands: CommandExecutor) {}

  async execute({ id, input, context }: RecordMeeting): Promise<TopicalGroupChange> {
    const heldOn = instant(input.heldOn, 'input.heldOn')!;
    const title = requiredText(input.title, 'input.title', 300);
    const minutes = requiredText(input.minutes, 'input.minutes', 100_000);
    const attendeeIds = input.attendeeIds.map((attendee, index) => requiredText(attendee, `input.attendeeIds[${index}]`, 100));
    const twice = attendeeIds.find((attendee, index) => attendeeIds.indexOf(attendee) !== index);
    if (twice) throw new BadUserInput('input.attendeeIds', `lists ${twice} more than once`);
    const meetingId = childId(context, id, 'meeting');
    const command = { type: 'RecordMeeting' as const, by: context.actor.subject, meetingId, heldOn, title, minutes, attendeeIds };
    return { ...(await onTopicalGroup(this.commands, id, command, context)), meetingId };
  }
}

@CommandHandler(ProposeDecision)
export class ProposeDecisionHandler implements ICommandHandler<ProposeDecision, TopicalGroupChange> {
  constructor(@Inject(CommandExecutor) private readonly commands: CommandExecutor) {}

  async execute({ id, input, context }: ProposeDecision): Promise<TopicalGroupChange> {
    const title = requiredText(input.title, 'input.title', 300);
    const text = requiredText(input.text, 'input.text', 20_000);
    const dueBy = instant(input.dueBy, 'input.dueBy');
    const decisionId = childId(context, id, 'decision');
    const command = { type: 'ProposeDecision' as const, by: context.actor.subject, decisionId, title, text, dueBy };
    return { ...(await onTopicalGroup(this.commands, id, command, context)), decisionId };
  }
}

@CommandHandler(CastVote)
export class CastVoteHandler implements ICommandHandler<CastVote, TopicalGroupChange> {
  constructor(@Inject(CommandExecutor) private readonly commands: CommandExecutor) {}

  async execute({ id, decisionId, choice, context }: CastVote): Promise<TopicalGroupChange> {
    if (!VOTE_CHOICES.includes(choice)) throw new BadUserInput('choice', `must be one of ${VOTE_CHOICES.join(', ')}`);
    const command = { type: 'CastVote' as const, by: context.actor.subject, decisionId, choice };
    return { ...(await onTopicalGroup(this.commands, id, command, context)), decisionId };
  }
}

@CommandHandler(CloseDecision)
export class CloseDecisionHandler implements ICommandHandler<CloseDecision, TopicalGroupChange> {
  constructor(@Inject(CommandExecutor) private readonly commands: CommandExecutor) {}

  async execute({ id, decisionId, context }: CloseDecision): Promise<TopicalGroupChange> {
    const command = { type: 'CloseDecision' as const, by: context.actor.subject, decisionId };
    return { ...(await onTopicalGroup(this.commands, id, command, context)), decisionId };
  }
}

@CommandHandler(AssignAction)
export class AssignActionHandler implements ICommandHandler<AssignAction, TopicalGroupChange> {
  constructor(@Inject(CommandExecutor) private readonly commands: CommandExecutor) {}

  async execute({ id, input, context }: AssignAction): Promise<TopicalGroupChange> {
    const title = requiredText(input.title, 'input.title', 300);
    const assigneeId = requiredText(input.assigneeId, 'input.assigneeId', 100);
    const dueBy = instant(input.dueBy, 'input.dueBy');
    const decisionId = input.decisionId == null ? null : requiredText(input.decisionId, 'input.decisionId', 100);
    const actionId = childId(context, id, 'action');
    const command = { type: 'AssignAction' as const, by: context.actor.subject, actionId, title, assigneeId, dueBy, decisionId };
    return { ...(await onTopicalGroup(this.commands, id, command, context)), actionId };
  }
}

@CommandHandler(CompleteAction)
export class CompleteActionHandler implements ICommandHandler<CompleteAction, TopicalGroupChange> {
  constructor(@Inject(CommandExecutor) private readonly commands: CommandExecutor) {}

  async execute({ id, actionId, context }: CompleteAction): Promise<TopicalGroupChange> {
    const command = { type: 'CompleteAction' as const, by: context.actor.subject, actionId };
    return { ...(await onTopicalGroup(this.commands, id, command, context)), actionId };
  }
}

export const WORK_COMMAND_HANDLERS = [
  RecordMeetingHandler,
  ProposeDecisionHandler,
  CastVoteHandler,
  CloseDecisionHandler,
  AssignActionHandler,
  CompleteActionHandler,
];
