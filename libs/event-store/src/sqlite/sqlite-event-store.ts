import type Database from 'better-sqlite3';
import { openOwnerOnlyDatabase } from './owner-only-database.js';
import type { AppendOptions, AppendResult, EventStore, EventToAppend, ExpectedRevision, Position, ReadAllOptions, ReadStreamOptions, RecordedEvent, StoredEvent, SubscribeOptions } from '../event-store.js';
import { AppendTooLargeError, DuplicateEventIdError, SubscriptionFailedError, WrongExpectedRevisionError } from '../errors.js';
import { decodeSequence, encodeSequence } from '../position.js';
import { EVENT_STORE_SCHEMA } from './schema.js';
import { canonicalJson } from '../canonical-json.js';
import { CommitSignal } from './commit-signal.js';

export type SqliteSynchronous = 'FULL' | 'NORMAL' | 'OFF';

export interface SqliteEventStoreOptions {
  /** Path of the database file. */
  file: string;
  /** FULL (default): an append resolves only once it is on disk. */
  synchronous?: SqliteSynchronous;
  /** How often a live subscription looks for events appended by other processes. */
  pollIntervalMs?: number;
  /** Page size of catch-up reads. */
  pageSize?: number;
  /** Largest batch (data and metadata as JSON, in bytes) one append may carry. */
  maxAppendBytes?: number;
}

/** EventStoreDB's default is 1 MiB; Concord's deployments raise it to this, and so does the embedded store. */
export const DEFAULT_MAX_APPEND_BYTES = 4 * 1024 * 1024;

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  stream_revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

const SELECT_COLUMNS = 'position, event_id, stream_id, stream_revision, type, data, metadata, recorded_at';

export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly committed = new CommitSignal();
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly maxAppendBytes: number;
  private closed = false;

  private readonly statements;
  /** One append's check and inserts: a savepoint when run inside the group's transaction. */
  private readonly appendOne;
  private readonly commitGroup;
  /** Appends waiting for the next group commit, in arrival order. */
  private pending: PendingAppend[] = [];

  constructor(options: SqliteEventStoreOptions) {
    this.db = openOwnerOnlyDatabase(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(EVENT_STORE_SCHEMA);
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.pageSize = options.pageSize ?? 1000;
    this.maxAppendBytes = options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES;

    this.statements = {
      lastRevision: this.db
        .prepare<[string], { revision: number | null }>('SELECT MAX(stream_revision) AS revision FROM events WHERE stream_id = ?'),
      byEventId: this.db.prepare<[string], EventRow>(`SELECT ${SELECT_COLUMNS} FROM events WHERE event_id = ?`),
      insert: this.db.prepare(
        'INSERT INTO events (event_id, stream_id, stream_revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      forwards: this.db.prepare<[string, number, number], EventRow>(
        `SELECT ${SELECT_COLUMNS} FROM events WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision ASC LIMIT ?`,
      ),
      backwards: this.db.prepare<[string, number, number], EventRow>(
        `SELECT ${SELECT_COLUMNS} FROM events WHERE stream_id = ? AND stream_revision <= ? ORDER BY stream_revision DESC LIMIT ?`,
      ),
      all: this.db.prepare<[number, number], EventRow>(
        `SELECT ${SELECT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
      ),
      head: this.db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
    };

    this.appendOne = this.db.transaction(
      (streamId: string, events: SerializedEvent[], expected: ExpectedRevision, recordedAt: string): AppendResult => {
        const replay = this.alreadyRecorded(streamId, events);
        if (replay) return replay;
        const current = this.statements.lastRevision.get(streamId)?.revision ?? null;
        assertExpected(streamId, expected, current);
        let revision = current ?? -1;
        let position = 0n;
        for (const event of events) {
          revision += 1;
          const info = this.statements.insert.run(event.id, streamId, revision, event.type, event.data, event.metadata, recordedAt);
          position = BigInt(info.lastInsertRowid);
        }
        return { nextRevision: revision, position: encodeSequence(position) };
      },
    );
    // Group commit: the appends that arrived since the last commit share one transaction and so
    // one fsync. IMMEDIATE takes the write lock before any revision is read, so each check and
    // its inserts are one atomic step even when several processes share the file; each append
    // runs in a savepoint of its own, so one append's refusal rolls back only its own inserts.
    this.commitGroup = this.db.transaction((group: PendingAppend[]): Array<AppendResult | Error> => {
      const recordedAt = new Date().toISOString();
      return group.map((append) => {
        try {
          return this.appendOne(append.streamId, append.events, append.expected, recordedAt);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      });
    });
  }

  async append(streamId: string, events: EventToAppend[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    if (events.length === 0) throw new RangeError('append needs at least one event');
    // The same id twice in one batch is a caller bug; without this check it surfaced as a raw
    // SqliteError (UNIQUE constraint failed: events.event_id) from the second insert.
    if (events.length > 1) {
      const seen = new Set<string>();
      for (const event of events) {
        if (seen.has(event.id)) throw new DuplicateEventIdError(event.id);
        seen.add(event.id);
      }
    }
    const serialized = events.map(serialize);
    const size = serialized.reduce((total, event) => total + Buffer.byteLength(event.data) + Buffer.byteLength(event.metadata), 0);
    if (size > this.maxAppendBytes) throw new AppendTooLargeError(streamId, size, this.maxAppendBytes);
    return new Promise<AppendResult>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ streamId, events: serialized, expected: options.expectedRevision ?? 'any', resolve, reject });
    });
  }

  /**
   * Commits every waiting append in one transaction; each is answered only once the commit
   * returned, that is once it is on disk at synchronous=FULL.
   */
  private flush(): void {
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    let outcomes: Array<AppendResult | Error>;
    try {
      if (this.closed) throw new Error('event store is closed');
      outcomes = this.commitGroup.immediate(group);
    } catch (error) {
      for (const append of group) append.reject(error);
      return;
    }
    this.committed.notify();
    group.forEach((append, index) => {
      const outcome = outcomes[index]!;
      if (outcome instanceof Error) append.reject(outcome);
      else append.resolve(outcome);
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.direction === 'backwards'
        ? this.statements.backwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, maxCount)
        : this.statements.forwards.all(streamId, options.fromRevision ?? 0, maxCount);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.readPage(options.fromPosition, options.maxCount ?? Number.MAX_SAFE_INTEGER);
  }

  async readAllStored(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.rowsAfter(options.fromPosition, options.maxCount ?? Number.MAX_SAFE_INTEGER).map(toStoredEvent);
  }

  async *subscribeToAll(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    const { signal } = options;
    let after = options.fromPosition;
    if (after && !this.closed) {
      const head = this.statements.head.get()?.position;
      if (head == null || decodeSequence(after) > BigInt(head)) {
        throw new SubscriptionFailedError(
          `start position ${after} is beyond the last event of the store (${head == null ? 'none' : encodeSequence(head)}): ` +
            'the checkpoint belongs to another log (was the store reset?); rebuild the read models',
        );
      }
    }
    while (!this.closed && !signal?.aborted) {
      // Taken before reading, so a commit that lands between the read and the wait still wakes us.
      const next = this.committed.next();
      const page = this.readPage(after, this.pageSize);
      for (const event of page) {
        if (signal?.aborted) return;
        yield event;
        after = event.position;
      }
      if (page.length < this.pageSize) await next.wait(this.pollIntervalMs, signal);
    }
  }

  async headPosition(): Promise<Position | undefined> {
    this.assertOpen();
    const head = this.statements.head.get()?.position;
    return head == null ? undefined : encodeSequence(head);
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    this.db.prepare('SELECT 1').get();
    return true;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already accepted are committed (or refused) before the file closes.
    this.flush();
    this.closed = true;
    this.committed.notify();
    this.db.close();
  }

  private readPage(fromPosition: Position | undefined, maxCount: number): RecordedEvent[] {
    return this.rowsAfter(fromPosition, maxCount).map(toRecordedEvent);
  }

  private rowsAfter(fromPosition: Position | undefined, maxCount: number): EventRow[] {
    return this.statements.all.all(fromPosition ? Number(decodeSequence(fromPosition)) : 0, maxCount);
  }

  /** A retry of an append that already succeeded gets the first result and records nothing. */
  private alreadyRecorded(streamId: string, events: SerializedEvent[]): AppendResult | undefined {
    const found = events.map((event) => this.statements.byEventId.get(event.id));
    if (found.every((row) => row === undefined)) return undefined;
    const first = found[0];
    const sameBatch =
      first !== undefined &&
      found.every(
        (row, index) => row !== undefined && row.stream_id === streamId && row.stream_revision === first.stream_revision + index,
      );
    if (!sameBatch) throw new DuplicateEventIdError(events[found.findIndex((row) => row !== undefined)].id);
    const last = found[found.length - 1]!;
    return { nextRevision: last.stream_revision, position: encodeSequence(last.position) };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

interface PendingAppend {
  streamId: string;
  events: SerializedEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

interface SerializedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

// Canonical JSON, so that the text as stored is the text the Merkle log hashes, and verification can hash it unparsed.
function serialize(event: EventToAppend): SerializedEvent {
  return { id: event.id, type: event.type, data: canonicalJson(event.data ?? null), metadata: canonicalJson(event.metadata ?? {}) };
}

function assertExpected(streamId: string, expected: ExpectedRevision, current: number | null): void {
  const actual = current ?? 'no_stream';
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === null) ||
    (expected === 'stream_exists' && current !== null) ||
    (typeof expected === 'number' && expected === current);
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, actual);
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: row.stream_revision,
    position: encodeSequence(row.position),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return { ...toStoredEvent(row), data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) };
}
