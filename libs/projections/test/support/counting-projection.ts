/**
 * A test projection whose read model shows any mistake of the runner: per-stream counts and
 * totals (an event applied twice or skipped changes them) and a log of applied events whose
 * UNIQUE constraints make a second application fail loudly.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { AppendResult, EventStore } from '#event-store';
import type { DecodedEvent, EventCatalog, EventCodec } from '#kernel';
import type { Projection } from '../../src/projection.js';

export interface CountedData {
  index: number;
  amount: number;
  personId: string;
  /** Personal data: sealed in the store, opened for projections and hooks. */
  who: string;
}

export const countingCatalog: EventCatalog = {
  personalData: { Counted: { subject: (data) => `person:${String(data['personId'])}`, fields: ['who'] } },
};

export interface ProjectionBehaviour {
  /** Throws inside the runner's transaction for the events it selects. */
  failOn?: (event: DecodedEvent, db: Database.Database) => boolean;
  /** Blocks this long per event, to give a crash something to interrupt. */
  slowMs?: number;
  /** Called before each event is applied. */
  onApply?: (event: DecodedEvent) => void;
}

export const COUNTING_TABLES = ['stream_counts', 'applied_events'] as const;

export function countingProjection(behaviour: ProjectionBehaviour = {}): Projection {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  return {
    name: 'counting',
    schema: `
      CREATE TABLE IF NOT EXISTS stream_counts (
        stream_id TEXT PRIMARY KEY,
        events INTEGER NOT NULL,
        total INTEGER NOT NULL,
        last_revision INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE IF NOT EXISTS applied_events (
        event_id TEXT NOT NULL UNIQUE,
        position TEXT NOT NULL UNIQUE,
        stream_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        event_index INTEGER NOT NULL,
        who TEXT
      ) STRICT;`,
    apply(db, event) {
      behaviour.onApply?.(event);
      if (behaviour.slowMs) Atomics.wait(pause, 0, 0, behaviour.slowMs);
      const data = event.data as unknown as CountedData;
      db.prepare(
        'INSERT INTO applied_events (event_id, position, stream_id, revision, event_index, who) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(event.recorded.id, event.recorded.position, event.recorded.streamId, event.recorded.revision, data.index, data.who ?? null);
      if (behaviour.failOn?.(event, db)) throw new Error(`projection refuses event ${data.index}`);
      db.prepare(
        `INSERT INTO stream_counts (stream_id, events, total, last_revision) VALUES (?, 1, ?, ?)
         ON CONFLICT (stream_id) DO UPDATE SET events = events + 1, total = total + excluded.total, last_revision = excluded.last_revision`,
      ).run(event.recorded.streamId, data.amount, event.recorded.revision);
    },
  };
}

/** Appends `indexes.length` Counted events to a stream in one append (one commit). */
export async function appendCounted(
  store: EventStore,
  codec: EventCodec,
  streamId: string,
  indexes: number[],
): Promise<AppendResult> {
  const events = await Promise.all(
    indexes.map(async (index) => {
      const stored = await codec.encode({
        type: 'Counted',
        data: { index, amount: index * 3 + 1, personId: `p${index % 5}`, who: `person number ${index % 5}` },
      });
      return { id: randomUUID(), type: stored.type, data: stored.data };
    }),
  );
  return store.append(streamId, events);
}

export interface ReadModelSnapshot {
  checkpoint: string;
  stream_counts: unknown[];
  applied_events: unknown[];
}

/** Every row of the read model, in a stable order, plus the checkpoint. */
export function snapshot(db: Database.Database): ReadModelSnapshot {
  const checkpoint = db.prepare<[], { position: string }>('SELECT position FROM projection_checkpoint WHERE id = 1').get();
  return {
    checkpoint: checkpoint?.position ?? '',
    stream_counts: db.prepare('SELECT * FROM stream_counts ORDER BY stream_id').all(),
    applied_events: db.prepare('SELECT * FROM applied_events ORDER BY position').all(),
  };
}
