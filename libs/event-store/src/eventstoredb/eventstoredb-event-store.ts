import {
  ANY,
  BACKWARDS,
  END,
  ErrorType,
  FORWARDS,
  NO_STREAM,
  START,
  excludeSystemEvents,
  isCommandError,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type AppendResult as EsdbAppendResult,
  type EventData,
  type EventStoreDBClient,
  type JSONType,
  type Position as EsdbPosition,
  type ReadRevision,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store.js';
import { NO_POSITION } from '../event-store.js';
import {
  AppendTooLargeError,
  DuplicateEventIdError,
  EventStoreTimeoutError,
  StreamNotFoundError,
  SubscriptionFailedError,
  WrongExpectedRevisionError,
} from '../errors.js';
import { isConcordEvent } from './foreign-events.js';
import { comparePositions, decodePosition, encodePosition, presentPosition } from './positions.js';
import { leaseClient, type ClientLease } from './shared-client.js';
import { Backoff, describeFailure, isTransient } from './subscription-retry.js';

export { decodePosition, encodePosition } from './positions.js';

export interface EventStoreDbOptions {
  /** e.g. `esdb://localhost:2113?tls=false`. */
  connectionString: string;
  /** Page size of reads of `$all` (readAll). */
  pageSize?: number;
  /** Every call (append, read, ping) fails with EventStoreTimeoutError after this. */
  deadlineMs?: number;
  /** How far back an append with 'any' or 'stream_exists', or a refused one, looks for its own events. */
  replayWindow?: number;
  /** Told of each transient subscription failure before it is retried (logs). */
  onSubscriptionRetry?: (reason: string, delayMs: number) => void;
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
  isJson: boolean;
  position?: EsdbPosition;
}

const DEFAULT_PAGE_SIZE = 500;
const DEFAULT_DEADLINE_MS = 10_000;
const DEFAULT_REPLAY_WINDOW = 10_000;
const PING_DEADLINE_MS = 2_000;
/** Appends with 'any' or 'stream_exists' pin the revision they read; a concurrent writer makes them try again. */
const MAX_PINNED_ATTEMPTS = 20;

/**
 * EventStore port on EventStoreDB (gRPC client v6).
 *
 * Positions are the `$all` log position `{commit, prepare}` (see positions.ts). Only Concord's
 * events leave the adapter (see foreign-events.ts).
 *
 * Idempotency is the port's, not the server's: the server dedups a retried append with a
 * numeric expected revision from the log, but with 'any' or 'stream_exists' only through an
 * in-memory cache that a restart empties, and a retry with another expected revision is
 * refused. So 'any' and 'stream_exists' appends are pinned to the revision just read, and a
 * refused append looks for its own events in the stream before reporting a conflict.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly lease: ClientLease;
  private readonly client: EventStoreDBClient;
  private readonly pageSize: number;
  private readonly deadlineMs: number;
  private readonly replayWindow: number;
  /** Aborted by close(): ends live subscriptions and their resubscribe waits. */
  private readonly lifetime = new AbortController();
  private readonly subscriptions = new Set<AllStreamSubscription>();
  /** The last append of this process to each stream that is still under way. */
  private readonly appending = new Map<string, Promise<unknown>>();
  private closed = false;

  constructor(private readonly options: EventStoreDbOptions) {
    this.lease = leaseClient(options.connectionString);
    this.client = this.lease.client;
    // At least 2: a page read from a position starts with the event at that position, already seen.
    this.pageSize = Math.max(2, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE));
    this.deadlineMs = Math.max(1, options.deadlineMs ?? DEFAULT_DEADLINE_MS);
    this.replayWindow = Math.max(1, options.replayWindow ?? DEFAULT_REPLAY_WINDOW);
  }

  /**
   * Appends of this process to one stream go to the server one after the other: the server
   * holds an append that carries event ids another in-flight append already carries until its
   * write timeout (seconds), whereas one sent after the first has landed is answered at once.
   */
  async append(streamId: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const before = this.appending.get(streamId);
    const mine = (before ?? Promise.resolve()).catch(ignore).then(() => this.appendNow(streamId, events, options));
    const settled = mine.catch(ignore);
    this.appending.set(streamId, settled);
    try {
      return await mine;
    } finally {
      if (this.appending.get(streamId) === settled) this.appending.delete(streamId);
    }
  }

  private async appendNow(streamId: string, events: EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    assertDistinctIds(events);
    const expected = options.expectedRevision ?? 'any';
    const eventData = events.map(toEventData);

    const pinned = expected === 'any' || expected === 'stream_exists';

    for (let attempt = 1; ; attempt += 1) {
      // The server would record ids already in the stream again when the revision matches; a
      // stream that must not exist yet holds none of them, and a refusal is checked below.
      if (expected !== 'no_stream') {
        const replay = await this.findRecorded(streamId, events);
        if (replay) return replay;
      }
      let target: AppendExpectedRevision;
      if (pinned) {
        const current = await this.lastRevision(streamId);
        if (expected === 'stream_exists' && current === undefined) {
          throw new WrongExpectedRevisionError(streamId, expected, 'no_stream');
        }
        target = current === undefined ? NO_STREAM : BigInt(current);
      } else {
        target = toEsdbExpectedRevision(expected);
      }
      try {
        return await this.appendAt(streamId, eventData, target);
      } catch (error) {
        if (isOutcomeUnknown(error)) {
          // The server lets an append whose event ids another in-flight append already carries
          // wait until its own write timeout, then answers with a timeout (or resets the call):
          // the ids may well be recorded. The port answers such a retry with the first result.
          const replayed = await this.findRecorded(streamId, events);
          if (replayed) return replayed;
          throw error;
        }
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (!pinned) {
          // A concurrent retry of this very batch may have won.
          const replayed = await this.findRecorded(streamId, events);
          if (replayed) return replayed;
          throw new WrongExpectedRevisionError(streamId, expected, error.actual);
        }
        // Someone else appended between our read and our write: read again.
        if (attempt >= MAX_PINNED_ATTEMPTS) throw new WrongExpectedRevisionError(streamId, expected, error.actual);
      }
    }
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
    // Past any real revision, the reply is the same as at the largest one the protocol carries.
    else fromRevision = BigInt(Math.min(Math.max(0, Math.floor(requested)), Number.MAX_SAFE_INTEGER));

    let resolved: ResolvedEvent[];
    try {
      resolved = await this.readStreamRaw(streamId, {
        fromRevision,
        direction: backwards ? BACKWARDS : FORWARDS,
        maxCount: BigInt(Math.floor(maxCount)),
      });
    } catch (error) {
      // A stream with no event (never written, or deleted) reads as no events.
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    const recorded: RecordedEvent[] = [];
    for (const { event } of resolved) {
      if (event) recorded.push(toRecordedEvent(event as EsdbRecordedEvent));
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
      const page = await this.readAllPage(after ?? START, FORWARDS, this.pageSize);
      let progressed = false;
      for (const { event } of page) {
        if (!event || (after && comparePositions(event.position, after) <= 0)) continue;
        after = event.position;
        progressed = true;
        if (!isConcordEvent(event)) continue;
        recorded.push(toRecordedEvent(event));
        if (recorded.length >= maxCount) return recorded;
      }
      if (page.length < this.pageSize || !progressed) return recorded;
    }
  }

  async *subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    const signal = options.signal ? AbortSignal.any([options.signal, this.lifetime.signal]) : this.lifetime.signal;
    // Last position yielded (or the caller's exclusive start): resubscriptions start after it.
    let after = options.fromPosition ? decodePosition(options.fromPosition) : undefined;
    if (after && !signal.aborted) await this.assertInLog(after);
    const backoff = new Backoff();

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
          backoff.reset();
          const event = resolved.event;
          if (!event) continue;
          // Never a duplicate, even if a resubscription were to replay its start position.
          if (after && comparePositions(event.position, after) <= 0) continue;
          after = event.position;
          if (!isConcordEvent(event)) continue;
          yield toRecordedEvent(event);
        }
        // The server ended the subscription: open it again below.
      } catch (error) {
        if (signal.aborted) return;
        if (!isTransient(error)) throw new SubscriptionFailedError(describeFailure(error), { cause: error });
        const delay = backoff.delay();
        this.options.onSubscriptionRetry?.(describeFailure(error), delay);
        await sleep(delay, signal);
        continue;
      } finally {
        signal.removeEventListener('abort', stop);
        this.subscriptions.delete(subscription);
        subscription.destroy();
        // Cancels the gRPC call; not awaited so that ending never waits on the network.
        subscription.unsubscribe().catch(ignore);
      }
      if (signal.aborted) return;
      await sleep(backoff.delay(), signal);
    }
  }

  async headPosition(): Promise<Position | undefined> {
    this.assertOpen();
    // Most often the last event is Concord's: read a few, and more only while they are not.
    let before: EsdbPosition | undefined;
    for (let size = 4; ; size = Math.min(size * 8, this.pageSize)) {
      const page = await this.readAllPage(before ?? END, BACKWARDS, size);
      let progressed = false;
      for (const { event } of page) {
        if (!event || (before && comparePositions(event.position, before) >= 0)) continue;
        before = event.position;
        progressed = true;
        if (isConcordEvent(event)) return encodePosition(event.position);
      }
      if (page.length < size || !progressed) return undefined;
    }
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.collect(
        'ping',
        this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1n, resolveLinkTos: false }),
        PING_DEADLINE_MS,
      );
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.lifetime.abort();
    for (const subscription of this.subscriptions) subscription.destroy();
    this.subscriptions.clear();
    await this.lease.release();
  }

  private async appendAt(streamId: string, eventData: EventData[], expected: AppendExpectedRevision): Promise<AppendResult> {
    let result: EsdbAppendResult;
    try {
      result = await this.withDeadline(
        'append',
        this.client.appendToStream(streamId, eventData, { expectedRevision: expected, deadline: this.deadlineMs }),
      );
    } catch (error) {
      throw mapError(error, streamId, fromEsdbExpectedRevision(expected));
    }
    // Only when the connection string sets throwOnAppendFailure=false.
    if (!result.success) {
      throw new WrongExpectedRevisionError(streamId, fromEsdbExpectedRevision(expected), toActualRevision(result.nextExpectedRevision));
    }
    const position = presentPosition(result.position);
    return {
      nextRevision: Number(result.nextExpectedRevision),
      position: position ? encodePosition(position) : await this.positionOfRevision(streamId, result.nextExpectedRevision),
    };
  }

  /**
   * The first result of an append whose events are already in the stream (a retry), or
   * undefined when none of them is. Some but not all of them: DuplicateEventIdError.
   */
  private async findRecorded(streamId: string, events: EventToAppend[]): Promise<AppendResult | undefined> {
    const wanted = new Map(events.map((event, index) => [event.id, index]));
    const found = new Map<number, RecordedEvent>();
    let from: ReadRevision = END;
    let scanned = 0;
    while (scanned < this.replayWindow) {
      const count = Math.min(this.pageSize, this.replayWindow - scanned);
      let page: RecordedEvent[];
      try {
        page = await this.readStream(streamId, {
          direction: 'backwards',
          fromRevision: from === END ? undefined : Number(from),
          maxCount: count,
        });
      } catch (error) {
        if (error instanceof StreamNotFoundError) return undefined;
        throw error;
      }
      for (const event of page) {
        const index = wanted.get(event.id);
        if (index !== undefined) found.set(index, event);
      }
      scanned += page.length;
      const oldest = page[page.length - 1];
      if (found.size === events.length || page.length < count || !oldest || oldest.revision === 0) break;
      from = BigInt(oldest.revision - 1);
    }
    if (found.size === 0) return undefined;
    const first = found.get(0);
    const sameBatch =
      first !== undefined &&
      found.size === events.length &&
      events.every((_, index) => found.get(index)?.revision === first.revision + index);
    if (!sameBatch) {
      const index = [...found.keys()].sort((a, b) => a - b)[0]!;
      throw new DuplicateEventIdError(events[index]!.id);
    }
    const last = found.get(events.length - 1)!;
    return {
      nextRevision: last.revision,
      position: last.position || (await this.positionOfRevision(streamId, BigInt(last.revision))),
    };
  }

  private async lastRevision(streamId: string): Promise<number | undefined> {
    try {
      const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      return last?.revision;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  /** Refuses a start position that the log does not have: the checkpoint and the log drifted apart. */
  private async assertInLog(after: EsdbPosition): Promise<void> {
    const [last] = await this.readAllPage(END, BACKWARDS, 1);
    const end = last?.event?.position;
    if (!end || comparePositions(after, end) > 0) {
      throw new SubscriptionFailedError(
        `start position ${encodePosition(after)} is beyond the last event of the store (${end ? encodePosition(end) : 'none'}): ` +
          'the checkpoint belongs to another log (was the store reset?); rebuild the read models',
      );
    }
  }

  /**
   * Position of the event at `revision` in the stream. The append response has none when the
   * append was an idempotent replay of events already recorded.
   */
  private async positionOfRevision(streamId: string, revision: bigint): Promise<Position> {
    const [resolved] = await this.readStreamRaw(streamId, { fromRevision: revision, maxCount: 1n, direction: FORWARDS });
    const position = presentPosition(resolved?.event?.position);
    if (position) return encodePosition(position);
    // The server sent no position on the stream read: the head is at or after the event.
    return (await this.headPosition()) ?? NO_POSITION;
  }

  private async readStreamRaw(
    streamId: string,
    options: { fromRevision: ReadRevision; direction: typeof FORWARDS | typeof BACKWARDS; maxCount: bigint },
  ): Promise<ResolvedEvent[]> {
    try {
      return await this.collect('readStream', this.client.readStream(streamId, { ...options, resolveLinkTos: false }));
    } catch (error) {
      throw mapError(error, streamId);
    }
  }

  private readAllPage(
    from: EsdbPosition | typeof START | typeof END,
    direction: typeof FORWARDS | typeof BACKWARDS,
    maxCount: number,
  ): Promise<AllStreamResolvedEvent[]> {
    return this.collect(
      'readAll',
      this.client.readAll({ fromPosition: from, direction, maxCount: BigInt(maxCount), resolveLinkTos: false }),
    );
  }

  /** Drains a finite read within the deadline; the client's own read deadline is infinite. */
  private async collect<E>(operation: string, read: StreamingRead<E>, deadlineMs = this.deadlineMs): Promise<E[]> {
    // The client emits errors itself (not through destroy); a late one must never go unhandled.
    read.on('error', ignore);
    const drain = async (): Promise<E[]> => {
      const items: E[] = [];
      for await (const item of read) items.push(item);
      return items;
    };
    try {
      return await this.withDeadline(operation, drain(), deadlineMs);
    } catch (error) {
      read.cancel().catch(ignore);
      throw error;
    }
  }

  private withDeadline<T>(operation: string, work: Promise<T>, deadlineMs = this.deadlineMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EventStoreTimeoutError(operation, deadlineMs)), deadlineMs);
    });
    // A late rejection of the abandoned call must not go unhandled.
    work.catch(ignore);
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

function toEventData(event: EventToAppend): EventData {
  return jsonEvent({
    // Passed through: the server records nothing new when these ids follow the expected revision.
    id: event.id,
    type: event.type,
    // JSON.stringify of undefined is undefined, which the client cannot encode.
    data: (event.data ?? null) as JSONType,
    metadata: event.metadata ?? {},
  });
}

/** The same id twice in one batch is a caller bug, refused alike by every adapter. */
function assertDistinctIds(events: EventToAppend[]): void {
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.id)) throw new DuplicateEventIdError(event.id);
    seen.add(event.id);
  }
}

function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return 'stream_exists';
    default:
      return BigInt(expected);
  }
}

function fromEsdbExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  if (typeof expected === 'bigint') return Number(expected);
  return expected;
}

/** A failed append that may nevertheless have been recorded (timeout, reset call, lost connection). */
function isOutcomeUnknown(error: unknown): boolean {
  if (error instanceof EventStoreTimeoutError) return true;
  if (!(error instanceof Error) || !isCommandError(error)) return false;
  return (
    error.type === ErrorType.DEADLINE_EXCEEDED ||
    error.type === ErrorType.UNKNOWN ||
    error.type === ErrorType.UNAVAILABLE ||
    error.type === ErrorType.CANCELLED
  );
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
    case ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED:
      return new AppendTooLargeError(streamId, undefined, error.maxAppendSize);
    default:
      return error;
  }
}

function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  const position = presentPosition(event.position);
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
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
