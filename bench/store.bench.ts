/**
 * Event store (SQLite) benchmark: our adapter next to raw better-sqlite3 doing the same writes
 * (same table, WAL, same synchronous setting), at synchronous=FULL and at NORMAL.
 *
 *   npm run bench:store           (builds, then runs dist/bench/store.bench.js)
 *
 * Prints a markdown table and writes it to BENCHMARKS.md under "## Event store (SQLite)",
 * replacing that section and keeping the others.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EventToAppend, Position } from '../libs/event-store/src/event-store.js';
import { EVENT_STORE_SCHEMA } from '../libs/event-store/src/sqlite/schema.js';
import { SqliteEventStore, type SqliteSynchronous } from '../libs/event-store/src/sqlite/sqlite-event-store.js';

export const SECTION_HEADING = '## Event store (SQLite)';

export interface StoreBenchOptions {
  /** Single-event appends (and raw single-row transactions). */
  singleAppends?: number;
  /** Streams the single-event appends are spread over. */
  streams?: number;
  /** 10-event appends (and raw 10-row transactions). */
  batchAppends?: number;
  batchSize?: number;
  /** readAll page size. */
  pageSize?: number;
  synchronous?: SqliteSynchronous[];
  /** Write the table into BENCHMARKS.md (default true). */
  write?: boolean;
  /** Defaults to BENCHMARKS.md at the repository root. */
  benchmarksFile?: string;
  log?: (line: string) => void;
}

interface Row {
  scenario: string;
  opsPerSec?: number;
  eventsPerSec: number;
  /** events/s of the raw baseline this row compares with. */
  rawEventsPerSec?: number;
  isRaw?: boolean;
}

interface PreparedEvent {
  event: EventToAppend;
  streamId: string;
  revision: number;
  data: string;
  metadata: string;
}

const INSERT_SQL =
  'INSERT INTO events (event_id, stream_id, stream_revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)';
const SELECT_PAGE_SQL =
  'SELECT position, event_id, stream_id, stream_revision, type, data, metadata, recorded_at FROM events WHERE position > ? ORDER BY position ASC LIMIT ?';

export async function main(options: StoreBenchOptions = {}): Promise<string> {
  const singleAppends = options.singleAppends ?? envInt('STORE_BENCH_APPENDS', 5000);
  const streams = options.streams ?? 1000;
  const batchSize = options.batchSize ?? 10;
  const batchAppends = options.batchAppends ?? Math.max(1, Math.round(singleAppends / batchSize));
  const pageSize = options.pageSize ?? 1000;
  const modes = options.synchronous ?? ['FULL', 'NORMAL'];
  const log = options.log ?? ((line: string) => console.log(line));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-store-bench-'));
  const rows: Row[] = [];
  try {
    // Warm up the JIT and the statement caches on a throwaway file, so the first measured
    // scenario is not penalised.
    await benchStoreSingle(path.join(dir, 'warmup.db'), 'NORMAL', prepareEvents(300, 50, 1));

    for (const sync of modes) {
      log(`event store bench: synchronous=${sync} ...`);
      const single = prepareEvents(singleAppends, streams, 1);
      // The batches go to their own streams, after the single-event ones, in both files.
      const batches = prepareEvents(batchAppends, Math.min(streams, batchAppends), batchSize, 'batch');
      const rawFile = path.join(dir, `raw-${sync}.db`);
      const storeFile = path.join(dir, `store-${sync}.db`);

      const rawSingle = benchRaw(rawFile, sync, single, 1);
      const storeSingle = await benchStoreSingle(storeFile, sync, single);
      const rawBatch = benchRaw(rawFile, sync, batches, batchSize);
      const storeBatch = await benchStoreBatches(storeFile, sync, batches, batchSize);
      const total = single.length + batches.length;
      const rawRead = benchRawRead(rawFile, sync, pageSize, total);
      const storeRead = await benchReadAll(storeFile, sync, pageSize, total);
      const storeSubscribe = await benchSubscribe(storeFile, sync, pageSize, total);

      rows.push(
        { scenario: `${sync}: raw INSERT, 1 row per transaction`, opsPerSec: rawSingle.opsPerSec, eventsPerSec: rawSingle.eventsPerSec, isRaw: true },
        {
          scenario: `${sync}: append 1 event (${fmtInt(singleAppends)} appends over ${fmtInt(streams)} streams)`,
          opsPerSec: storeSingle.opsPerSec,
          eventsPerSec: storeSingle.eventsPerSec,
          rawEventsPerSec: rawSingle.eventsPerSec,
        },
        { scenario: `${sync}: raw INSERT, ${batchSize} rows per transaction`, opsPerSec: rawBatch.opsPerSec, eventsPerSec: rawBatch.eventsPerSec, isRaw: true },
        {
          scenario: `${sync}: append ${batchSize} events (${fmtInt(batchAppends)} appends)`,
          opsPerSec: storeBatch.opsPerSec,
          eventsPerSec: storeBatch.eventsPerSec,
          rawEventsPerSec: rawBatch.eventsPerSec,
        },
        { scenario: `${sync}: raw SELECT pages of ${fmtInt(pageSize)} (${fmtInt(total)} rows)`, opsPerSec: rawRead.opsPerSec, eventsPerSec: rawRead.eventsPerSec, isRaw: true },
        {
          scenario: `${sync}: readAll pages of ${fmtInt(pageSize)} (${fmtInt(total)} events)`,
          opsPerSec: storeRead.opsPerSec,
          eventsPerSec: storeRead.eventsPerSec,
          rawEventsPerSec: rawRead.eventsPerSec,
        },
        {
          scenario: `${sync}: subscribeToAll catch-up from start to head`,
          eventsPerSec: storeSubscribe.eventsPerSec,
          rawEventsPerSec: rawRead.eventsPerSec,
        },
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const table = renderTable(rows);
  const section = [
    SECTION_HEADING,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with Node ${process.version} on ${os.cpus()[0]?.model ?? 'unknown CPU'} ` +
      `(${os.cpus().length} logical CPUs, ${os.platform()} ${os.release()}), files in ${os.tmpdir()}, WAL. ` +
      `\`npm run bench:store\`. Raw rows use better-sqlite3 directly on the same table with pre-serialised rows; ` +
      `"vs raw" is our events/s divided by the raw events/s of the matching raw row.`,
    '',
    table,
    '',
  ].join('\n');
  log('');
  log(table);

  if (options.write ?? true) {
    const file = options.benchmarksFile ?? path.join(findRepoRoot(), 'BENCHMARKS.md');
    writeSection(file, SECTION_HEADING, section);
    log(`\nwritten to ${file}`);
  }
  return section;
}

// ---------------------------------------------------------------------------------------------
// Scenarios

function prepareEvents(count: number, streams: number, batchSize: number, prefix = 'org'): PreparedEvent[] {
  const revisions = new Map<string, number>();
  const out: PreparedEvent[] = [];
  for (let op = 0; op < count; op += 1) {
    const streamId = `${prefix}-${op % streams}`;
    for (let k = 0; k < batchSize; k += 1) {
      const revision = (revisions.get(streamId) ?? -1) + 1;
      revisions.set(streamId, revision);
      const event: EventToAppend = {
        id: randomUUID(),
        type: 'MemberJoinedOrganisation',
        data: {
          organisationId: streamId,
          memberId: randomUUID(),
          displayName: `Member ${op}.${k}`,
          roles: ['MEMBER', 'PROCURER'],
          country: 'DE',
          joinedAt: '2025-01-01T00:00:00.000Z',
        },
        metadata: {
          correlationId: randomUUID(),
          causationId: randomUUID(),
          actor: { subject: 'bench', roles: ['ADMIN'] },
          schemaVersion: 1,
        },
      };
      out.push({ event, streamId, revision, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) });
    }
  }
  return out;
}

function openRaw(file: string, sync: SqliteSynchronous): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync}`);
  db.exec(EVENT_STORE_SCHEMA);
  return db;
}

function benchRaw(file: string, sync: SqliteSynchronous, events: PreparedEvent[], batchSize: number) {
  const db = openRaw(file, sync);
  try {
    const insert = db.prepare(INSERT_SQL);
    const write = db.transaction((batch: PreparedEvent[], recordedAt: string) => {
      for (const e of batch) insert.run(e.event.id, e.streamId, e.revision, e.event.type, e.data, e.metadata, recordedAt);
    });
    const ops = Math.ceil(events.length / batchSize);
    const start = performance.now();
    for (let op = 0; op < ops; op += 1) {
      write(events.slice(op * batchSize, (op + 1) * batchSize), new Date().toISOString());
    }
    return rates(ops, events.length, performance.now() - start);
  } finally {
    db.close();
  }
}

async function benchStoreSingle(file: string, sync: SqliteSynchronous, events: PreparedEvent[]) {
  const store = new SqliteEventStore({ file, synchronous: sync });
  try {
    const start = performance.now();
    for (const e of events) {
      await store.append(e.streamId, [e.event], { expectedRevision: e.revision === 0 ? 'no_stream' : e.revision - 1 });
    }
    return rates(events.length, events.length, performance.now() - start);
  } finally {
    await store.close();
  }
}

async function benchStoreBatches(file: string, sync: SqliteSynchronous, events: PreparedEvent[], batchSize: number) {
  const store = new SqliteEventStore({ file, synchronous: sync });
  try {
    const ops = Math.ceil(events.length / batchSize);
    const start = performance.now();
    for (let op = 0; op < ops; op += 1) {
      const batch = events.slice(op * batchSize, (op + 1) * batchSize);
      const first = batch[0];
      await store.append(
        first.streamId,
        batch.map((e) => e.event),
        { expectedRevision: first.revision === 0 ? 'no_stream' : first.revision - 1 },
      );
    }
    return rates(ops, events.length, performance.now() - start);
  } finally {
    await store.close();
  }
}

function benchRawRead(file: string, sync: SqliteSynchronous, pageSize: number, expected: number) {
  const db = openRaw(file, sync);
  try {
    const page = db.prepare<[number, number], { position: number }>(SELECT_PAGE_SQL);
    let after = 0;
    let count = 0;
    let pages = 0;
    const start = performance.now();
    for (;;) {
      const rows = page.all(after, pageSize);
      if (rows.length === 0) break;
      pages += 1;
      count += rows.length;
      after = rows[rows.length - 1].position;
    }
    const elapsed = performance.now() - start;
    assertCount('raw read', count, expected);
    return rates(pages, count, elapsed);
  } finally {
    db.close();
  }
}

async function benchReadAll(file: string, sync: SqliteSynchronous, pageSize: number, expected: number) {
  const store = new SqliteEventStore({ file, synchronous: sync });
  try {
    let after: Position | undefined;
    let count = 0;
    let pages = 0;
    const start = performance.now();
    for (;;) {
      const page = await store.readAll({ fromPosition: after, maxCount: pageSize });
      if (page.length === 0) break;
      pages += 1;
      count += page.length;
      after = page[page.length - 1].position;
    }
    const elapsed = performance.now() - start;
    assertCount('readAll', count, expected);
    return rates(pages, count, elapsed);
  } finally {
    await store.close();
  }
}

async function benchSubscribe(file: string, sync: SqliteSynchronous, pageSize: number, expected: number) {
  const store = new SqliteEventStore({ file, synchronous: sync, pageSize });
  const controller = new AbortController();
  try {
    const head = await store.headPosition();
    let count = 0;
    const start = performance.now();
    for await (const event of store.subscribeToAll({ signal: controller.signal })) {
      count += 1;
      if (event.position === head) break;
    }
    const elapsed = performance.now() - start;
    assertCount('subscribeToAll', count, expected);
    return rates(count, count, elapsed);
  } finally {
    controller.abort();
    await store.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Output

function rates(ops: number, events: number, elapsedMs: number) {
  const seconds = elapsedMs / 1000;
  return { opsPerSec: ops / seconds, eventsPerSec: events / seconds };
}

function assertCount(what: string, actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`${what}: read ${actual} events, expected ${expected}`);
}

function renderTable(rows: Row[]): string {
  const lines = ['| scenario | ops/s | events/s | vs raw |', '| --- | ---: | ---: | ---: |'];
  for (const row of rows) {
    const vsRaw = row.isRaw ? 'baseline' : row.rawEventsPerSec ? `${(row.eventsPerSec / row.rawEventsPerSec).toFixed(2)}×` : '';
    lines.push(
      `| ${row.scenario} | ${row.opsPerSec === undefined ? '–' : fmtInt(row.opsPerSec)} | ${fmtInt(row.eventsPerSec)} | ${vsRaw} |`,
    );
  }
  return lines.join('\n');
}

function fmtInt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function envInt(name: string, fallback: number): number {
  const value = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'node_modules'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** Replaces the section that starts with `heading` (up to the next "## " heading), or appends it. */
export function writeSection(file: string, heading: string, section: string): void {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\nProduced by `npm run bench`.\n';
  const lines = existing.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  let next: string;
  if (start === -1) {
    next = `${existing.replace(/\s*$/, '')}\n\n${section}`;
  } else {
    let end = lines.findIndex((line, i) => i > start && /^## /.test(line));
    if (end === -1) end = lines.length;
    const before = lines.slice(0, start).join('\n').replace(/\s*$/, '');
    const after = lines.slice(end).join('\n').replace(/^\s*/, '');
    next = [before, section.replace(/\s*$/, ''), after].filter((part) => part.length > 0).join('\n\n');
  }
  fs.writeFileSync(file, next.replace(/\s*$/, '\n'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
