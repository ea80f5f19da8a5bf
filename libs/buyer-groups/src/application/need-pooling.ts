import type { Caller, CommandContext, IdentifiedEvent, Undo } from '#kernel';
import type { NeedCommands } from '#needs';
import { needsPooledBy, needsReleasedBy, type BuyerGroupEvent, type BuyerGroupState } from '../domain/buyer-group.js';

/** The context of a command that follows from `eventId`: same actor and correlation, caused by it. */
export function causedBy(context: CommandContext, eventId: string): CommandContext & { causationId: string } {
  return { actor: context.actor, correlationId: context.correlationId, causationId: eventId, idempotencyKey: null, expectedVersion: null };
}

/**
 * Pooling across streams. Before a group event that pools needs is appended, each need's own
 * stream records `NeedPooled` for that very event (its expected revision decides a race: the
 * loser is refused, naming the group that holds the need); if the group event is then not
 * recorded, the needs are released again. After a group event that gives needs back, each need
 * records `NeedReleased`, caused by it. A crash between the two is finished by
 * UnfinishedChanges.
 */
export class NeedPooling {
  constructor(private readonly needs: NeedCommands) {}

  async reserve({ context }: Caller<unknown>, decided: IdentifiedEvent[], state: BuyerGroupState): Promise<Undo> {
    const reserved: Array<{ needId: string; buyerGroupId: string; poolingEventId: string }> = [];
    const undo = async () => {
      for (const { needId, buyerGroupId, poolingEventId } of reserved.reverse()) {
        await this.needs.follow('ReleaseNeed', { id: needId, buyerGroupId, poolingEventId, reason: 'POOLING_NOT_COMPLETED' }, causedBy(context, poolingEventId));
      }
    };
    try {
      for (const event of decided) {
        const pooled = needsPooledBy(event as BuyerGroupEvent, state);
        if (!pooled) continue;
        const { buyerGroupId, organisationId, cpvCode } = pooled;
        for (const needId of pooled.needIds) {
          const poolingEventId = event.eventId;
          await this.needs.follow('PoolNeed', { id: needId, buyerGroupId, poolingEventId, organisationId, cpvCode }, causedBy(context, poolingEventId));
          reserved.push({ needId, buyerGroupId, poolingEventId });
        }
      }
    } catch (error) {
      await undo();
      throw error;
    }
    return undo;
  }

  async release({ context }: Caller<unknown>, recorded: IdentifiedEvent[]): Promise<void> {
    for (const event of recorded) await this.releaseFor(event as BuyerGroupEvent & { eventId: string }, context);
  }

  /** The needs `event` gave back, released on their own streams; safe to repeat. */
  async releaseFor(event: BuyerGroupEvent & { eventId: string }, context: CommandContext): Promise<void> {
    const released = needsReleasedBy(event);
    if (!released) return;
    for (const needId of released.needIds) {
      await this.needs.follow('ReleaseNeed', { id: needId, buyerGroupId: released.buyerGroupId, reason: released.reason }, causedBy(context, event.eventId));
    }
  }
}
