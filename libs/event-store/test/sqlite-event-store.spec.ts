import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteEventStore, type SqliteEventStoreOptions } from '../src/sqlite/sqlite-event-store.js';
import { decodeSequence, encodeSequence } from '../src/position.js';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../src/errors.js';
import type { EventToAppend, RecordedEvent } from '../src/event-store.js';
import { eventStoreContract } from './contract/event-store.contract.js';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'concord-sqlite-es-'));
}

function openSqlite(options: Partial<SqliteEventStoreOptions> = {}) {
  return async () => {
    const dir = tempDir();
    const store = new SqliteEventStore({ file: path.join(dir, 'events.db'), synchronous: 'FULL', ...options });
    return {
      store,
      cleanup: async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
      positionBeyond: (position: string) => encodeSequence(decodeSequence(position) + 1000n),
    };
  };
}

eventStoreContract('SqliteEventStore (file, synchronous FULL)', openSqlite());
// Small pages and a short poll, so catch-up crosses many page boundaries before going live.
eventStoreContract('SqliteEventStore (file, pageSize 4)', openSqlite({ pageSize: 4, pollIntervalMs: 20 }));

function event(type = 'Tested', data: unknown = {}): EventToAppend {
  return { id: randomUUID(), type, data };
}

describe('SqliteEventStore specifics', () => {
  let dir: string;
  let file: string;
  const opened: SqliteEventStore[] = [];
  const open = (options: Partial<SqliteEventStoreOptions> = {}) => {
    const store = new SqliteEventStore({ file, synchronous: 'FULL', ...options });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = tempDir();
    file = path.join(dir, 'nested', 'dir', 'events.db');
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates missing directories, and an empty store has no head and no events', async () => {
    const store = open();
    expect(fs.existsSync(file)).toBe(true);
    expect(await store.headPosition()).toBeUndefined();
    expect(await store.readAll()).toEqual([]);
    expect(await store.readAll({ fromPosition: '' })).toEqual([]);
  });

  it('defaults to synchronous FULL in WAL mode, and honours an explicit synchronous', async () => {
    const store = new SqliteEventStore({ file });
    opened.push(store);
    // synchronous is a setting of the connection: read it on the store's own.
    const db = (store as unknown as { db: Database.Database }).db;
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    // journal_mode is a setting of the file: any other connection sees it.
    const other = new Database(file, { readonly: true });
    try {
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      other.close();
    }
    const normal = open({ synchronous: 'NORMAL' });
    expect((normal as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('keeps events across close and reopen', async () => {
    const first = open();
    const result = await first.append('s-1', [event('A'), event('B')]);
    await first.close();
    const second = open();
    expect((await second.readStream('s-1')).map((e) => e.type)).toEqual(['A', 'B']);
    expect(await second.headPosition()).toBe(result.position);
    expect((await second.append('s-1', [event('C')], { expectedRevision: 1 })).nextRevision).toBe(2);
  });

  it('lets a second instance on the same file see events appended by the first', async () => {
    const a = open();
    await a.append('shared', [event('A1'), event('A2')]);
    const b = open();
    expect((await b.readStream('shared')).map((e) => e.type)).toEqual(['A1', 'A2']);
    // Written by A after B opened the file.
    const later = await a.append('shared', [event('A3')]);
    expect((await b.readStream('shared')).map((e) => e.type)).toEqual(['A1', 'A2', 'A3']);
    expect(await b.headPosition()).toBe(later.position);
    expect((await b.readAll()).map((e) => e.type)).toEqual(['A1', 'A2', 'A3']);
    // The expected-revision check holds across instances: B's stale view is refused.
    const fromB = await b.append('shared', [event('B1')], { expectedRevision: 2 });
    expect(fromB.nextRevision).toBe(3);
    const stale = a.append('shared', [event('A4')], { expectedRevision: 2 });
    await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(stale).rejects.toMatchObject({ expected: 2, actual: 3 });
    // Positions stay unique and ordered across the two writers.
    const all = await a.readAll();
    expect(all.map((e) => e.type)).toEqual(['A1', 'A2', 'A3', 'B1']);
    expect(new Set(all.map((e) => e.position)).size).toBe(4);
  });

  it('delivers to a subscriber on instance B the events appended by instance A (polling)', async () => {
    const a = open();
    const b = open({ pollIntervalMs: 10 });
    await a.append('before', [event('Before')]);
    const from = await b.headPosition();
    const controller = new AbortController();
    const giveUp = setTimeout(() => controller.abort(), 20_000);
    const total = 12;
    const consumer = (async () => {
      const received: RecordedEvent[] = [];
      for await (const e of b.subscribeToAll({ fromPosition: from, signal: controller.signal })) {
        received.push(e);
        if (received.length >= total) break;
      }
      return received;
    })();
    const appended: string[] = [];
    for (let i = 0; i < total; i += 1) {
      const e = event('FromA', { i });
      await a.append(`cross-${i % 3}`, [e]);
      appended.push(e.id);
      // Let B's poll run in between, so some events arrive while B is already live.
      if (i % 4 === 0) await new Promise((resolve) => setTimeout(resolve, 15));
    }
    let received: RecordedEvent[];
    try {
      received = await consumer;
    } finally {
      clearTimeout(giveUp);
      controller.abort();
    }
    expect(received.map((e) => e.id)).toEqual(appended);
  });

  it('refuses an event id already recorded in another batch or stream', async () => {
    const store = open();
    const a = event('A');
    const b = event('B');
    await store.append('dup-1', [a, b]);
    await expect(store.append('dup-2', [a])).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(store.append('dup-1', [a, event('New')])).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(store.append('dup-1', [b, a])).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect((await store.readAll()).map((e) => e.type)).toEqual(['A', 'B']);
    // The tail of a recorded batch is a retry too.
    expect(await store.append('dup-1', [b])).toEqual({ nextRevision: 1, position: (await store.headPosition())! });
  });

  it('refuses the same event id twice in one batch with DuplicateEventIdError, writing nothing', async () => {
    const store = open();
    const twice = event('Twice');
    await expect(store.append('dup-batch', [twice, event('Other'), twice])).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await store.headPosition()).toBeUndefined();
  });

  it('rejects an empty append', async () => {
    const store = open();
    await expect(store.append('empty', [])).rejects.toBeInstanceOf(RangeError);
  });

  it('ends live subscriptions and refuses work once closed', async () => {
    const store = open({ pollIntervalMs: 10_000 });
    await store.append('s', [event('A')]);
    let resolveFirst!: () => void;
    const gotFirst = new Promise<void>((resolve) => (resolveFirst = resolve));
    const consumer = (async () => {
      const received: RecordedEvent[] = [];
      for await (const e of store.subscribeToAll()) {
        received.push(e);
        resolveFirst();
      }
      return received;
    })();
    await gotFirst;
    // The subscriber is now waiting (for up to 10 s) for a next event; closing must end it.
    await new Promise((resolve) => setImmediate(resolve));
    await store.close();
    expect((await consumer).map((e) => e.type)).toEqual(['A']);
    expect(await store.ping()).toBe(false);
    await expect(store.append('s', [event('B')])).rejects.toThrow(/closed/);
    await expect(store.readAll()).rejects.toThrow(/closed/);
  });
});
