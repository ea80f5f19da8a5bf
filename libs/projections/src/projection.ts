import type Database from 'better-sqlite3';
import type { RecordedEvent } from '#event-store';
import type { DecodedEvent, DomainEvent, Recorded } from '#kernel';

/** Turns events into rows of a read model. `apply` runs inside the runner's transaction. */
export interface Projection {
  readonly name: string;
  /** Idempotent DDL (CREATE ... IF NOT EXISTS), run whenever a read-model file is opened. */
  readonly schema: string;
  /**
   * Idempotent DDL of the secondary indexes no `apply` reads or checks by: a file opened for
   * serving gets them with the schema; a load from zero builds them once, after its last row,
   * which sorts each index once instead of inserting into it row by row. An index an `apply`
   * looks rows up by, or a unique one that must refuse a row, belongs in `schema`.
   */
  readonly indexes?: string;
  apply(db: Database.Database, event: DecodedEvent): void;
  /**
   * Event types after which stale bytes must leave the file at once (personal data erasure):
   * the runner truncates the WAL after a batch holding one of them.
   */
  readonly purgesOn?: readonly string[];
}

/** An event as a projection reads it: one of its context's events, recorded, with where it is stored. */
export type Projected<Event extends DomainEvent> = Recorded<Event> & { recorded: RecordedEvent; erased: boolean };

/**
 * What a projection does with each event type it reads: a handler, or `'ignored'` said out loud.
 * Every type of the union is a key, so a new event type fails to compile until it is decided.
 */
export type EventHandlers<Event extends DomainEvent> = {
  readonly [Type in Event['type']]: ((db: Database.Database, event: Projected<Extract<Event, { type: Type }>>) => void) | 'ignored';
};

export interface ProjectionOf<Event extends DomainEvent> {
  readonly name: string;
  readonly schema: string;
  readonly indexes?: string;
  readonly purgesOn?: readonly Event['type'][];
  readonly on: EventHandlers<Event>;
}

/** A context's projection: it names the event types it reads once, and gets only those, typed. */
export function projectionOf<Event extends DomainEvent>(spec: ProjectionOf<Event>): Projection {
  const handlers = spec.on as Record<string, ((db: Database.Database, event: DecodedEvent) => void) | 'ignored'>;
  return {
    name: spec.name,
    schema: spec.schema,
    ...(spec.indexes ? { indexes: spec.indexes } : {}),
    ...(spec.purgesOn ? { purgesOn: spec.purgesOn } : {}),
    apply(db, event) {
      const handler = Object.hasOwn(handlers, event.type) ? handlers[event.type] : undefined;
      if (typeof handler === 'function') handler(db, event);
    },
  };
}

/** `?, ?, ?` for an `IN (...)` of `count` values. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
