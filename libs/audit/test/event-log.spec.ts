import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { EventCodec, PersonalDataCipher, SqliteKeyStore, handleCommand, type Decider, type DomainEvent } from '#kernel';
import { EventLog } from '../src/read-model/event-log.js';
import { exportEvents } from '../src/application/export.js';
import { fileChainSource, storeChainSource, verifyChains, verifyStream } from '../src/application/verification.js';
import { UnreadableExportLine } from '../src/domain/exported-event.js';

/**
 * The event log read through the real SQLite store: bounded, correctly paged searches,
 * snapshot scans, and chain verification of the store and of export files.
 */

type Counted = DomainEvent<'Counted', { n: number; by: string }>;
const counter: Decider<{ n: number[]; by: string }, Counted, number> = {
  initialState: 0,
  decide: (command) => command.n.map((n) => ({ type: 'Counted', data: { n, by: command.by } })),
  evolve: (state) => state + 1,
};

let dir: string;
let store: SqliteEventStore;
let keys: SqliteKeyStore;
let codec: EventCodec;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'concord-audit-log-'));
  store = new SqliteEventStore({ file: join(dir, 'events.db'), synchronous: 'OFF' });
  keys = new SqliteKeyStore(join(dir, 'keys.db'));
  // `by` is personal data of subject `by`, so erasure can be shown to keep the chain intact.
  codec = new EventCodec(new PersonalDataCipher(keys), {
    personalData: { Counted: { subject: (data) => String(data['by']), fields: ['by'] } },
  });
});

afterEach(async () => {
  await store.close();
  await keys.close();
  rmSync(dir, { recursive: true, force: true });
});

let clock = Date.parse('2027-01-01T00:00:00Z');
async function record(streamId: string, n: number[], correlationId = `c-${streamId}-${n[0]}`, subject = 'alice') {
  clock += 60_000;
  const at = new Date(clock);
  return handleCommand(
    { store, codec, clock: { now: () => at } },
    { decider: counter, streamId, command: { n, by: subject }, context: { actor: { subject, roles: [] }, correlationId } },
  );
}

describe('EventLog.search', () => {
  it('pages through the whole log in global order with no gap and no duplicate', async () => {
    for (let i = 0; i < 12; i += 1) await record(`s-${i % 3}`, [i]);
    const log = new EventLog(store, { pageSize: 4 });
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; ; pages += 1) {
      const page = await log.search({}, { afterPosition: after, first: 5 });
      seen.push(...page.events.map((event) => event.position));
      if (!page.hasNextPage) break;
      expect(page.events).toHaveLength(5);
      after = page.resumeAfter;
      expect(pages).toBeLessThan(5);
    }
    expect(seen).toEqual((await store.readAll()).map((event) => event.position));
  });

  it('reads at most the scan limit per request: a sparse filter ends the page early, and continuing finds the rest', async () => {
    for (let i = 0; i < 25; i += 1) await record(i % 12 === 11 ? 'rare-1' : 'common-1', [i]);
    const log = new EventLog(store, { scanLimit: 10, pageSize: 3 });
    const first = await log.search({ streamPrefix: 'rare-' }, { first: 5 });
    // Scanned events 1-10: the first rare one (index 11) lies beyond.
    expect(first.events).toEqual([]);
    expect(first.hasNextPage).toBe(true);
    const all = await store.readAll();
    expect(first.resumeAfter).toBe(all[9]!.position);

    const found: number[] = [];
    let after = first.resumeAfter;
    let requests = 1;
    for (;;) {
      const page = await log.search({ streamPrefix: 'rare-' }, { afterPosition: after, first: 5 });
      requests += 1;
      found.push(...page.events.map((event) => (event.data as { n: number }).n));
      if (!page.hasNextPage) break;
      after = page.resumeAfter;
    }
    expect(found).toEqual([11, 23]);
    expect(requests).toBe(3);
  });

  it('filters by type, subject, correlation id and a half-open time window', async () => {
    await record('a-1', [1], 'corr-x', 'alice');
    await record('a-1', [2, 3], 'corr-y', 'bob');
    await record('b-1', [4], 'corr-z', 'alice');
    const all = await store.readAll();
    const log = new EventLog(store);
    const ns = async (filter: Parameters<EventLog['search']>[0]) =>
      (await log.search(filter, { first: 50 })).events.map((event) => event.revision + ':' + event.streamId);
    expect(await ns({ correlationId: 'corr-y' })).toEqual(['1:a-1', '2:a-1']);
    expect(await ns({ subject: 'alice' })).toEqual(['0:a-1', '0:b-1']);
    expect(await ns({ types: ['Nothing'] })).toEqual([]);
    expect(await ns({ types: ['Counted'], streamPrefix: 'b-' })).toEqual(['0:b-1']);
    const second = new Date(String(all[1]!.metadata['recordedAt']));
    const last = new Date(String(all[3]!.metadata['recordedAt']));
    expect(await ns({ from: second, to: last })).toEqual(['1:a-1', '2:a-1']);
    expect(await ns({ from: last })).toEqual(['0:b-1']);
  });
});

describe('EventLog.history and scan', () => {
  it('pages a stream by revision; an unknown stream has no history', async () => {
    await record('a-1', [1, 2, 3]);
    const log = new EventLog(store);
    const page = await log.history('a-1', { first: 2 });
    expect(page.events.map((event) => event.revision)).toEqual([0, 1]);
    expect(page.hasNextPage).toBe(true);
    const next = await log.history('a-1', { afterRevision: 1, first: 2 });
    expect(next.events.map((event) => event.revision)).toEqual([2]);
    expect(next.hasNextPage).toBe(false);
    expect(await log.history('nothing-here', { first: 2 })).toEqual({ events: [], hasNextPage: false });
  });

  it('a scan is a snapshot: events recorded while it runs are not in it', async () => {
    for (let i = 0; i < 5; i += 1) await record('a-1', [i]);
    const log = new EventLog(store, { pageSize: 2 });
    const seen: number[] = [];
    for await (const event of log.scan()) {
      seen.push(event.revision);
      if (seen.length === 1) await record('a-1', [99]);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('verification of the store and of export files', () => {
  async function seed() {
    for (let i = 0; i < 6; i += 1) await record(`s-${i % 2}`, [i, i + 100]);
  }

  it('an intact store verifies, also after a subject is crypto-shredded', async () => {
    await seed();
    await keys.destroy('alice');
    const log = new EventLog(store, { pageSize: 5 });
    const report = await verifyChains(storeChainSource(log));
    expect(report).toMatchObject({ valid: true, streamsChecked: 2, eventsChecked: 12, brokenStreams: [] });
    expect(await verifyStream(storeChainSource(log), 's-1')).toMatchObject({ valid: true, streamsChecked: 1, eventsChecked: 6 });
    expect(await verifyStream(storeChainSource(log), 'nothing')).toMatchObject({ valid: true, streamsChecked: 0, eventsChecked: 0 });
  });

  it('a row edited in the SQLite file is named, in whole-store and single-stream verification', async () => {
    await seed();
    const raw = new Database(join(dir, 'events.db'));
    raw.prepare(`UPDATE events SET type = 'Forged' WHERE stream_id = 's-1' AND stream_revision = 3`).run();
    raw.close();
    const log = new EventLog(store);
    const report = await verifyChains(storeChainSource(log));
    expect(report).toMatchObject({ valid: false, brokenStreams: ['s-1'], firstBreak: { kind: 'altered', event: { streamId: 's-1', revision: 3 } } });
    expect((await verifyStream(storeChainSource(log), 's-1')).firstBreak).toMatchObject({ kind: 'altered', event: { revision: 3 } });
    expect((await verifyStream(storeChainSource(log), 's-0')).valid).toBe(true);
  });

  it('an export verifies offline; a changed byte is named; a broken line is refused', async () => {
    await seed();
    const file = join(dir, 'log.jsonl');
    const lines: string[] = [];
    expect(await exportEvents(new EventLog(store), {}, (line) => void lines.push(line))).toBe(12);
    writeFileSync(file, lines.join(''));
    expect(await verifyChains(fileChainSource(file))).toMatchObject({ valid: true, streamsChecked: 2, eventsChecked: 12 });

    // One byte of line 5's data: the `n` it counted.
    const text = readFileSync(file, 'utf8').split('\n');
    const line = JSON.parse(text[4]!) as { streamId: string; revision: number };
    text[4] = text[4]!.replace(/"n":(\d)/, (_match, digit: string) => `"n":${(Number(digit) + 1) % 10}`);
    writeFileSync(file, text.join('\n'));
    const report = await verifyChains(fileChainSource(file));
    expect(report.valid).toBe(false);
    expect(report.firstBreak).toMatchObject({ kind: 'altered', event: { streamId: line.streamId, revision: line.revision, lineNumber: 5 } });

    text[4] = text[4]!.slice(0, 20);
    writeFileSync(file, text.join('\n'));
    await expect(verifyChains(fileChainSource(file))).rejects.toThrow(UnreadableExportLine);
  });

  it('a partial export (one stream, from a date) verifies anchored, and not from genesis', async () => {
    await seed();
    const all = await store.readAll();
    const from = new Date(String(all[6]!.metadata['recordedAt']));
    const file = join(dir, 'part.jsonl');
    const lines: string[] = [];
    await exportEvents(new EventLog(store), { streamPrefix: 's-1', from }, (line) => void lines.push(line));
    writeFileSync(file, lines.join(''));
    expect(lines.length).toBe(4);
    expect(await verifyChains(fileChainSource(file), { start: 'anchored' })).toMatchObject({ valid: true, anchoredStreams: 1, eventsChecked: 4 });
    expect(await verifyChains(fileChainSource(file), { start: 'genesis' })).toMatchObject({ valid: false, firstBreak: { kind: 'missing' } });
  });
});
