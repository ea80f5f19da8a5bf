/**
 * The event store port. Adapters: SQLite (embedded default) and EventStoreDB.
 *
 * Positions are opaque strings that sort in commit order with a plain string comparison,
 * so callers (checkpoints, read-your-writes) can order them without knowing the adapter.
 */
export type Position = string;

export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export interface EventToAppend {
  /** UUID; appending an id that is already recorded in the stream records nothing new. */
  id: string;
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}

export interface RecordedEvent {
  id: string;
  streamId: string;
  /** 0-based index of the event in its stream. */
  revision: number;
  position: Position;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  /** ISO 8601 instant at which the store committed the event. */
  recordedAt: string;
}

/** An event as the store holds it: data and metadata as the JSON text recorded, not decoded. */
export interface StoredEvent extends Omit<RecordedEvent, 'data' | 'metadata'> {
  data: string;
  metadata: string;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextRevision: number;
  /** Position of the last appended event. */
  position: Position;
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** Revision to start from (inclusive). Defaults to the start, or the end when reading backwards. */
  fromRevision?: number;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: only events after this position. Omitted: from the very beginning. */
  fromPosition?: Position;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive: events after this position. Omitted: from the very beginning. */
  fromPosition?: Position;
  /** Ends the subscription; the iterator then completes. */
  signal?: AbortSignal;
}

export interface EventStore {
  append(streamId: string, events: EventToAppend[], options?: AppendOptions): Promise<AppendResult>;
  /** A stream with no event reads as no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * readAll without decoding, for passes that hash what was recorded (verification); only a
   * store that keeps each event's JSON text (the SQLite one) has it.
   */
  readAllStored?(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** Catch-up then live, in global order, with no gap and no duplicate across the switch. */
  subscribeToAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent>;
  /** Position of the last recorded event, or undefined when the store is empty. */
  headPosition(): Promise<Position | undefined>;
  /** Whether the store answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const NO_POSITION: Position = '';

/** Positions compare as strings; the empty position is before every event. */
export function isAtOrAfter(position: Position, target: Position): boolean {
  return position >= target;
}
export const EVENT_STORE = Symbol('EVENT_STORE');
