import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#event-store';
import { EventCodec, Forbidden, hasRole, stateAsOf, type Actor, type Decider, type DomainEvent } from '#kernel';

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
}
