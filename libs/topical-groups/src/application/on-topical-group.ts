import {
  BadUserInput,
  NotFound,
  changeOf,
  newId,
  scopedIdempotencyKey,
  uuidV5,
  type AggregateChange,
  type CommandContext,
} from '../../../kernel/src/index.js';
import type { CommandExecutor } from '../../../projections/src/index.js';
import type { MemberRow } from '../../../network/src/index.js';
import { topicalGroupDecider, topicalGroupStream, type TopicalGroupCommand } from '../domain/topical-group.js';

/** What a topical-group mutation reports: the group's change, and the id of what it added. */
export interface TopicalGroupChange extends AggregateChange {
  decisionId?: string;
  meetingId?: string;
  actionId?: string;
}

/**
 * Runs a command on an existing group. Who may act is decided by the decider from the group's
 * own facts (its leader and members), so nothing here but the group's existence is checked.
 */
export function onTopicalGroup(
  commands: CommandExecutor,
  id: string,
  command: TopicalGroupCommand,
  context: CommandContext,
): Promise<AggregateChange> {
  return changeOf(
    id,
    commands.execute({
      decider: topicalGroupDecider,
      streamId: topicalGroupStream(id),
      command,
      context,
      authorize: (state) => {
        if (state.status === 'none') throw new NotFound('topical group', id);
      },
    }),
  );
}

/**
 * Id of a meeting, decision or action the command adds: derived from the idempotency key when
 * there is one, so that a retry names the same thing and its payload shows the first result.
 */
export function childId(context: CommandContext, topicalGroupId: string, kind: 'meeting' | 'decision' | 'action'): string {
  if (!context.idempotencyKey) return newId();
  // Scoped to the caller like the retry detection itself: another member's same key names
  // another child, and a replay by the same caller always finds its own.
  return uuidV5(`${kind}|${topicalGroupId}|${scopedIdempotencyKey(context.idempotencyKey, context.actor.subject, kind)}`);
}

/** A date from the DateTime scalar, as the ISO string events carry. */
export function instant(value: Date | null | undefined, field: string): string | null {
  if (value == null) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new BadUserInput(field, 'must be an ISO 8601 date-time');
  return value.toISOString();
}

/**
 * Community membership as topical groups count it: admitted to the community and not erased.
 * Erasure is how a person leaves the community for good, so an erased member neither joins
 * nor leads a topical group.
 */
export function inCommunity(member: MemberRow | undefined): boolean {
  return member !== undefined && member.erased === 0;
}
