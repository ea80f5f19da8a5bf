import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#event-store';
import { EventCodec, Forbidden, fold, hasRole, stateAsOf, type Actor, type DecodedEvent, type Decider, type DomainEvent, type Evolver } from '#kernel';

export function requireAuditor(actor: Actor, action: string): void {
  if (!hasRole(actor, 'AUDITOR') && !hasRole(actor, 'ADMIN')) throw new Forbidden(`only an AUDITOR or ADMIN may ${action}`);
}

/** `asOf` on aggregate queries: the aggregate folded from its own stream up to that instant. */
@Injectable()
export class TimeTravel {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EventCodec) private readonly codec: EventCodec,
  ) {}

  async asOf<Event extends DomainEvent, State, View>(
    actor: Actor,
    decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
    streamId: string,
    asOf: Date,
    view: (state: State, version: number, at: { firstRecordedAt: string; lastRecordedAt: string }) => View | null,
  ): Promise<View | null> {
    requireAuditor(actor, 'travel in time');
    const found = await stateAsOf({ store: this.store, codec: this.codec }, decider, streamId, asOf);
    return found ? view(found.state, found.version, found) : null;
  }

  /**
   * The aggregate exactly as one recorded event left it, even when later events followed in the
   * same batch: what a live feed pushes, so a subscriber that falls behind still sees every step.
   */
  async stateAfter<Event extends DomainEvent, State>(decider: Evolver<Event, State>, event: DecodedEvent): Promise<{ state: State; version: number }> {
    const version = event.recorded.revision + 1;
    const upTo = await this.store.readStream(event.recorded.streamId, { maxCount: version });
    const decoded = await Promise.all(upTo.map((recorded) => this.codec.decode(recorded)));
    return { state: fold(decider, decoded), version };
  }
}
