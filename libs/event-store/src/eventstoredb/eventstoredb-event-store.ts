import { ANY, BACKWARDS, END, ErrorType, EventStoreDBClient, FORWARDS, NO_STREAM, START, STREAM_EXISTS, excludeSystemEvents, isCommandError, jsonEvent, type AllStreamResolvedEvent, type AllStreamSubscription, type AppendExpectedRevision, type AppendResult as EsdbAppendResult, type EventData, type JSONType, type Position as EsdbPosition, type ReadRevision, type ResolvedEvent, type StreamingRead } from '@eventstore/db-client';
import { type AppendOptions, type AppendResult, type EventStore, type EventToAppend, type ExpectedRevision, type Position, type ReadAllOptions, type ReadStreamOptions, type RecordedEvent, type SubscribeOptions, NO_POSITION } from '../event-store.js';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../errors.js';
import { encodeSequence } from '../position.js';
import { PERSONAL_DATA_KEY_STREAM_PREFIX } from './personal-data-key-streams.js';

export interface EventStoreDbOptions {
  /** e.g. `esdb://localhost:2113?tls=false`. */
  connectionString: string;
  /** Page size of reads of `$all` (readAll, headPosition). */
  pageSize?: number;
  /** Wait before a dropped subscription is opened again. */
  resubscribeDelayMs?: number;
}

/** The fields of an EventStoreDB recorded event that the adapter uses, stream or `$all` read alike. */
interface EsdbRecordedEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  data: unknown;
  metadata: unknown;
  position?: EsdbPosition;
}

const DEFAULT_PAGE_SIZE = 500;
const DEFAULT_RESUBSCRIBE_DELAY_MS = 500;
const PING_TIMEOUT_MS = 2_000;
const POSITION_PATTERN = /^(\d{20})-(\d{20})$/;

/**
 * EventStore port on EventStoreDB (gRPC client v6).
 *
 * Positions are the `$all` log position `{commit, prepare}` encoded as two fixed-width decimals,
 * `CCCCCCCCCCCCCCCCCCCC-PPPPPPPPPPPPPPPPPPPP`, so string order is log order. System events (type or
 * stream starting with `$`) never leave the adapter.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly pageSize: number;
  private readonly resubscribeDelayMs: number;
  /** Aborted by close(): ends live subscriptions and their resubscribe waits. */
  private readonly lifetime = new AbortController();
  private readonly subscriptions = new Set<AllStreamSubscription>();
  private closed = false;

  constructor(options: EventStoreDbOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    // At least 2: a page read from a position starts with the event at that position, already seen.
    this.pageSize = Math.max(2, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE));
    this.resubscribeDelayMs = Math.max(0, options.resubscribeDelayMs ?? DEFAULT_RESUBSCRIBE_DELAY_MS);
  }

  async append(streamId: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const expected = options.expectedRevision ?? 'any';
    const eventData: EventData[] = events.map((event) =>
      jsonEvent({
        // Passed through: EventStoreDB records nothing new when these ids are already in the stream.
        id: event.id,
        type: event.type,
        // JSON.stringify of undefined is undefined, which the client cannot encode.
        data: (event.data ?? null) as JSONType,
        metadata: event.metadata ?? {},
      }),
    );

    let result: EsdbAppendResult;
    try {
      result = await this.client.appendToStream(streamId, eventData, { expectedRevision: toEsdbExpectedRevision(expected) });
    } catch (error) {
      throw mapError(error, streamId, expected);
    }
    // Only when the connection string sets throwOnAppendFailure=false.
    if (!result.success) {
      throw new WrongExpectedRevisionError(streamId, expected, toActualRevision(result.nextExpectedRevision));
    }
    const position = result.position
      ? encodePosition(result.position)
      : await this.positionOfRevision(streamId, result.nextExpectedRevision);
    return { nextRevision: Number(result.nextExpectedRevision), position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const requested = options.fromRevision;
    const nothingToRead = maxCount <= 0 || (backwards && requested !== undefined && requested < 0);
    if (nothingToRead) return [];
    let fromRevision: ReadRevision;
    if (requested === undefined) fromRevision = backwards ? END : START;
    else fromRevision = BigInt(Math.max(0, Math.floor(requested)));

    let resolved: ResolvedEvent[];
    try {
      resolved = await collect(
        this.client.readStream(streamId, {
          fromRevision,
          direction: backwards ? BACKWARDS : FORWARDS,
          maxCount: BigInt(Math.floor(maxCount)),
        }),
      );
    } catch (error) {
      const mapped = mapError(error, streamId);
      // A stream with no event (never written, or deleted) reads as no events.
      if (mapped instanceof StreamNotFoundError) return [];
      throw mapped;
    }
    const recorded: RecordedEvent[] = [];
    for (const { event } of resolved) {
      if (event) recorded.push(toRecordedEvent(event, event.position));
    }
    return recorded;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const recorded: RecordedEvent[] = [];
    if (maxCount <= 0) return recorded;
    // Our fromPosition is exclusive, EventStoreDB's is inclusive: events at or before `after` are skipped.
    let after = options.fromPosition ? decodePosition(options.fromPosition) : undefined;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await collect(
        this.client.readAll({
          fromPosition: after ?? START,
          direction: FORWARDS,
          maxCount: BigInt(this.pageSize),
          resolveLinkTos: false,
        }),
      );
      let progressed = false;
      for (const { event } of page) {
        if (!event || (after && comparePositions(event.position, after) <= 0)) continue;
        after = event.position;
        progressed = true;
        if (isSystemEvent(event)) continue;
        recorded.push(toRecordedEvent(event, event.position));
        if (recorded.length >= maxCount) return recorded;
      }
      if (page.length < this.pageSize || !progressed) return recorded;
    }
  }

  async *subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    const signal = options.signal ? AbortSignal.any([options.signal, this.lifetime.signal]) : this.lifetime.signal;
    // Last position yielded (or the caller's exclusive start): resubscriptions start after it.
    let after = options.fromPosition ? decodePosition(options.fromPosition) : undefined;

    while (!signal.aborted) {
      // subscribeToAll's fromPosition is exclusive, like ours. The server filters system event types.
      const subscription = this.client.subscribeToAll({
        fromPosition: after ?? START,
        resolveLinkTos: false,
        filter: excludeSystemEvents(),
      });
      // The client emits errors itself (not through destroy); a late one must never go unhandled.
      subscription.on('error', ignore);
      this.subscriptions.add(subscription);
      const stop = (): void => {
        subscription.destroy();
      };
      signal.addEventListener('abort', stop, { once: true });
      try {
        for await (const resolved of subscription as AsyncIterable<AllStreamResolvedEvent>) {
          if (signal.aborted) return;
          const event = resolved.event;
          if (!event) continue;
          // Never a duplicate, even if a resubscription were to replay its start position.
          if (after && comparePositions(event.position, after) <= 0) continue;
          if (isSystemEvent(event)) {
            after = event.position;
            continue;
          }
          const recorded = toRecordedEvent(event, event.position);
          after = event.position;
          yield recorded;
        }
        // The server ended the subscription: open it again below.
      } catch {
        // Dropped (connection lost, server restart, too slow): resubscribe from `after`.
        if (signal.aborted) return;
      } finally {
        signal.removeEventListener('abort', stop);
        this.subscriptions.delete(subscription);
        subscription.destroy();
        // Cancels the gRPC call; not awaited so that ending never waits on the network.
        subscription.unsubscribe().catch(ignore);
      }
      if (signal.aborted) return;
      await sleep(this.resubscribeDelayMs, signal);
    }
  }

  async headPosition(): Promise<Position | undefined> {
    this.assertOpen();
    let before: EsdbPosition | undefined;
    for (;;) {
      const page: AllStreamResolvedEvent[] = await collect(
        this.client.readAll({
          fromPosition: before ?? END,
          direction: BACKWARDS,
          maxCount: BigInt(this.pageSize),
          resolveLinkTos: false,
        }),
      );
      let progressed = false;
      for (const { event } of page) {
        if (!event || (before && comparePositions(event.position, before) >= 0)) continue;
        before = event.position;
        progressed = true;
        if (!isSystemEvent(event)) return encodePosition(event.position);
      }
      if (page.length < this.pageSize || !progressed) return undefined;
    }
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    const read = this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1n });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('ping timed out')), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([collect(read), timeout]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
      read.cancel().catch(ignore);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.lifetime.abort();
    for (const subscription of this.subscriptions) subscription.destroy();
    this.subscriptions.clear();
    await this.client.dispose();
  }

  /**
   * Position of the event at `revision` in the stream. The append response has none when the
   * append was an idempotent replay of events already recorded.
   */
  private async positionOfRevision(streamId: string, revision: bigint): Promise<Position> {
    const [resolved] = await collect(this.client.readStream(streamId, { fromRevision: revision, maxCount: 1n }));
    const position = resolved?.event?.position;
    if (position) return encodePosition(position);
    // Servers before 22.6 give no position on stream reads: the head is at or after the event.
    return (await this.headPosition()) ?? NO_POSITION;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** EventStoreDB's current revision (bigint, NO_STREAM, or -1 for no stream) as our actual revision. */
function toActualRevision(current: bigint | typeof NO_STREAM): number | 'no_stream' {
  return current === NO_STREAM || current < 0n ? 'no_stream' : Number(current);
}

/** Client errors that have a meaning in the port become ours; anything else passes unchanged. */
function mapError(error: unknown, streamId: string, expected?: ExpectedRevision): unknown {
  if (!(error instanceof Error) || !isCommandError(error)) return error;
  switch (error.type) {
    case ErrorType.WRONG_EXPECTED_VERSION:
      return new WrongExpectedRevisionError(streamId, expected ?? 'any', toActualRevision(error.actualVersion));
    case ErrorType.STREAM_NOT_FOUND:
    case ErrorType.STREAM_DELETED:
      return new StreamNotFoundError(streamId);
    default:
      return error;
  }
}

/**
 * Events that never leave the adapter: EventStoreDB's own, and the personal-data keys kept in
 * the same database (they must reach neither projections nor audit exports).
 */
function isSystemEvent(event: EsdbRecordedEvent): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$') || event.streamId.startsWith(PERSONAL_DATA_KEY_STREAM_PREFIX);
}

function toRecordedEvent(event: EsdbRecordedEvent, position: EsdbPosition | undefined): RecordedEvent {
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    // Stream reads carry a position only from server 22.6 on.
    position: position ? encodePosition(position) : NO_POSITION,
    type: event.type,
    data: toData(event.data),
    metadata: toMetadata(event.metadata),
    recordedAt: event.created.toISOString(),
  };
}

/** JSON events arrive parsed; a binary one (not written by this adapter) is parsed when it is JSON. */
function toData(data: unknown): unknown {
  if (!(data instanceof Uint8Array)) return data;
  try {
    return JSON.parse(Buffer.from(data).toString('utf8')) as unknown;
  } catch {
    return data;
  }
}

function toMetadata(metadata: unknown): Record<string, unknown> {
  const value = toData(metadata);
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array)) {
    return value as Record<string, unknown>;
  }
  return {};
}

export function encodePosition(position: EsdbPosition): Position {
  return `${encodeSequence(position.commit)}-${encodeSequence(position.prepare)}`;
}

export function decodePosition(position: Position): EsdbPosition {
  const match = POSITION_PATTERN.exec(position);
  if (!match) throw new RangeError(`not an EventStoreDB position: ${position}`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}

/** Log order: commit position first, then prepare position. */
function comparePositions(a: EsdbPosition, b: EsdbPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Drains a finite read; its errors (StreamNotFoundError among them) reject. */
async function collect<E>(read: StreamingRead<E>): Promise<E[]> {
  // The client emits errors itself (not through destroy); a late one must never go unhandled.
  read.on('error', ignore);
  const items: E[] = [];
  for await (const item of read) items.push(item);
  return items;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function ignore(): void {}
