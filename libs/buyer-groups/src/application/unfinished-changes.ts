import type { EventStore } from '#event-store';
import { SYSTEM_ACTOR, envelopeOf, type CommandContext } from '#kernel';
import { needStream, type NeedCommands } from '#needs';
import { organisationStream } from '#network';
import { buyerGroupStream } from '../domain/buyer-group.js';
import type { UnfinishedChangesQueries } from '../read-model/unfinished-changes.projection.js';
import type { BuyerGroupCommands } from './buyer-group.commands.js';

/**
 * Finishes the changes spanning several streams that a crash (or a lost connection) cut short
 * between two appends, so the needs, the groups and the network agree again:
 * - a need pooled for a group event the group's stream does not hold, `graceMs` after it was
 *   pooled (time enough for the request that pooled it to have recorded it), is released;
 * - a need a group gave back, still held on its own stream, is released;
 * - an organisation that left the network leaves each group it is still a member of.
 * Every step is decided on the streams themselves and changes nothing when already done, so any
 * number of API instances may run it at once. Each is caused by the event it finishes.
 */
export class UnfinishedChanges {
  constructor(
    private readonly deps: { store: EventStore },
    private readonly queries: UnfinishedChangesQueries,
    private readonly needs: NeedCommands,
    private readonly groups: BuyerGroupCommands,
    private readonly graceMs: number,
  ) {}

  /** One pass; returns how many changes it finished. A step that fails is tried again next pass. */
  async finish(now = new Date(), onError: (error: unknown) => void = () => undefined): Promise<number> {
    let finished = 0;
    const attempt = async (step: () => Promise<void>) => {
      try {
        await step();
        finished += 1;
      } catch (error) {
        onError(error);
      }
    };
    const before = new Date(now.getTime() - this.graceMs).toISOString();
    for (const row of this.queries.poolingsBefore(before)) {
      const group = await this.deps.store.readStream(buyerGroupStream(row.buyer_group_id));
      if (group.some((event) => event.id === row.pooling_event_id)) continue;
      await attempt(async () => {
        const context = await this.causedBy(needStream(row.need_id), row.pooled_event_id);
        const { buyer_group_id: buyerGroupId, pooling_event_id: poolingEventId } = row;
        await this.needs.follow('ReleaseNeed', { id: row.need_id, buyerGroupId, poolingEventId, reason: 'POOLING_NOT_COMPLETED' }, context);
      });
    }
    for (const row of this.queries.releases()) {
      await attempt(async () => {
        const context = await this.causedBy(buyerGroupStream(row.buyer_group_id), row.cause_event_id);
        await this.needs.follow('ReleaseNeed', { id: row.need_id, buyerGroupId: row.buyer_group_id, reason: row.reason }, context);
      });
    }
    for (const row of this.queries.departures()) {
      await attempt(async () => {
        const stream = organisationStream(row.organisation_id);
        const context = await this.causedBy(stream, row.left_event_id);
        const left = (await this.deps.store.readStream(stream)).find((event) => event.id === row.left_event_id);
        const reason = String((left?.data as { reason?: unknown } | undefined)?.reason ?? 'left the network');
        await this.groups.follow('RemoveDepartedOrganisation', { id: row.buyer_group_id, organisationId: row.organisation_id, reason }, context);
      });
    }
    return finished;
  }

  /** The context of a step that finishes what `eventId` started: its actor and correlation, caused by it. */
  private async causedBy(streamId: string, eventId: string): Promise<CommandContext & { causationId: string }> {
    const cause = (await this.deps.store.readStream(streamId)).find((event) => event.id === eventId);
    const envelope = cause ? envelopeOf(cause.metadata) : undefined;
    return {
      actor: envelope?.actor ?? SYSTEM_ACTOR,
      correlationId: envelope?.correlationId ?? eventId,
      causationId: eventId,
      idempotencyKey: null,
      expectedVersion: null,
    };
  }
}
