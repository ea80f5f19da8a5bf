/**
 * Merkle log benchmark: rebuilding the RFC 9162 tree from the whole log and checking a kept
 * checkpoint against it (what `concord audit verify --checkpoint` does), next to the raw rate of
 * reading the whole log through the port, measured in the same run on the same store. Also the
 * offline verifier on an export, and the projection that keeps the stored tree up to date.
 *
 *   npm run bench      (every benchmark; this one writes "## Merkle log" in BENCHMARKS.md)
 *
 * MERKLE_BENCH_EVENTS (default 100,000) events, realistic envelopes, with a signed checkpoint
 * recorded in the log every 10,000 events, as the default schedule records them.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SqliteEventStore, type EventToAppend, type Position } from '#event-store';
import { chainHash, envelopeHash, type DecodedEvent, type EventEnvelope } from '#kernel';
import {
  CHECKPOINT_ISSUED,
  EventLog,
  MemoryMerkleTree,
  auditTreeProjection,
  checkpointStreamOf,
  exportEvents,
  logIdOf,
  recordedLeafHash,
  signCheckpoint,
  storeRecords,
  verifyAgainstCheckpoint,
  verifyStoreAgainstCheckpoint,
} from '#audit';
import { writeSection } from './store.bench.js';

export const SECTION_HEADING = '## Merkle log';
const TARGET = 100_000;
const CHECKPOINT_EVERY = 10_000;

interface Row {
  scenario: string;
  events: number;
  eventsPerSec: number;
  vsRaw?: number;
}

export async function main(options: { events?: number; write?: boolean } = {}): Promise<string> {
  const total = options.events ?? envInt('MERKLE_BENCH_EVENTS', 100_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-merkle-bench-'));
  try {
    const store = new SqliteEventStore({ file: path.join(dir, 'events.db'), synchronous: 'OFF' });
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    console.log(`merkle bench: recording ${total} events ...`);
    const tree = await populate(store, total, privateKey, publicKey);
    const size = tree.size;
    const kept = signCheckpoint(
      { logId: logIdOf(publicKey), treeSize: size, rootHash: tree.root().toString('hex'), issuedAt: new Date().toISOString() },
      privateKey,
    );
    const log = new EventLog(store, { pageSize: 1000 });

    // Warm up both paths once, then measure each the better of three runs.
    await readAll(store);
    const warm = await verifyStoreAgainstCheckpoint(log, kept, publicKey);
    if (!warm.valid || warm.recordedCheckpoints === 0) throw new Error(`the benchmark log does not verify: ${JSON.stringify({ ...warm, checkpoint: undefined })}`);
    const raw = await best(() => readAll(store));
    const verified = await best(async () => {
      const result = await verifyStoreAgainstCheckpoint(log, kept, publicKey);
      if (!result.valid) throw new Error('the benchmark log does not verify against its own checkpoint');
      return result.logSize;
    });

    const parsed = await best(async () => {
      const result = await verifyAgainstCheckpoint(storeRecords(log), kept, publicKey);
      if (!result.valid) throw new Error('the benchmark log does not verify against its own checkpoint');
      return result.logSize;
    });

    const exportFile = path.join(dir, 'log.jsonl');
    const out = fs.openSync(exportFile, 'w');
    await exportEvents(log, {}, (line) => void fs.writeSync(out, line));
    fs.closeSync(out);
    fs.writeFileSync(path.join(dir, 'checkpoint.json'), JSON.stringify(kept));
    fs.writeFileSync(path.join(dir, 'key.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    const offline = await best(async () => {
      execFileSync(process.execPath, [
        path.join(findRepoRoot(), 'tools', 'verify-offline.mjs'),
        '--log', exportFile, '--checkpoint', path.join(dir, 'checkpoint.json'), '--public-key', path.join(dir, 'key.pem'),
      ], { stdio: 'ignore' });
      return size;
    });
    const projected = await projectTree(store, path.join(dir, 'read-models.db'));

    const rows: Row[] = [
      { scenario: 'raw: readAll of the whole log through the port, pages of 1,000', events: size, eventsPerSec: raw },
      { scenario: 'rebuild the tree from the store and check a checkpoint (verify --checkpoint: stored text hashed unparsed)', events: size, eventsPerSec: verified, vsRaw: verified / raw },
      { scenario: 'the same from decoded events (its answer when the stored text does not hold)', events: size, eventsPerSec: parsed, vsRaw: parsed / raw },
      { scenario: 'offline verifier (tools/verify-offline.mjs) on an export, process start included', events: size, eventsPerSec: offline, vsRaw: offline / raw },
      { scenario: 'projection keeping the stored tree up to date, batches of 500', events: size, eventsPerSec: projected, vsRaw: projected / raw },
    ];
    await store.close();
    const table = renderTable(rows);
    const met = verified >= TARGET;
    const section = [
      SECTION_HEADING,
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with Node ${process.version} on ${os.cpus()[0]?.model ?? 'unknown CPU'} ` +
        `(${os.cpus().length} logical CPUs), embedded SQLite store in ${os.tmpdir()}: ${size.toLocaleString('en-US')} events with ` +
        `realistic envelopes, a signed checkpoint recorded every ${CHECKPOINT_EVERY.toLocaleString('en-US')}. "vs raw" is events/s ` +
        `divided by the raw readAll rate measured in the same run. Target for checking a checkpoint: ` +
        `${TARGET.toLocaleString('en-US')} events/s: ${met ? 'met' : 'NOT met'}.`,
      '',
      table,
      '',
    ].join('\n');
    console.log(`\n${table}`);
    if (options.write ?? true) {
      const file = path.join(findRepoRoot(), 'BENCHMARKS.md');
      writeSection(file, SECTION_HEADING, section);
      console.log(`\nwritten to ${file}`);
    }
    return section;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Events shaped like the command path records them, and a signed checkpoint every CHECKPOINT_EVERY, as the schedule does. */
async function populate(
  store: SqliteEventStore,
  total: number,
  privateKey: ReturnType<typeof generateKeyPairSync>['privateKey'],
  publicKey: ReturnType<typeof generateKeyPairSync>['publicKey'],
): Promise<MemoryMerkleTree> {
  const tree = new MemoryMerkleTree();
  const tips = new Map<string, { revision: number; hash: string }>();
  let after: Position | undefined;
  let checkpointed = 0;
  let previousSize = 0;
  let sequence = 0;
  const follow = async () => {
    for (const event of await store.readAll({ fromPosition: after })) {
      tree.append(recordedLeafHash(event));
      after = event.position;
    }
  };
  for (let recorded = 0; recorded < total; ) {
    const streamId = `need-${recorded % 2000}`;
    const batch: EventToAppend[] = [];
    for (let i = 0; i < 10 && recorded < total; i += 1, recorded += 1) batch.push(envelopedEvent(tips, streamId, 'NeedAmended', needData(recorded)));
    await store.append(streamId, batch);
    if (recorded - checkpointed >= CHECKPOINT_EVERY) {
      await follow();
      sequence += 1;
      const from = previousSize;
      previousSize = tree.size;
      checkpointed = recorded;
      const checkpoint = signCheckpoint(
        { logId: logIdOf(publicKey), treeSize: tree.size, rootHash: tree.root().toString('hex'), issuedAt: new Date().toISOString() },
        privateKey,
      );
      const leafHashes = Array.from({ length: tree.size - from }, (_, i) => tree.leaf(from + i).toString('hex'));
      const stream = checkpointStreamOf(sequence);
      await store.append(stream, [envelopedEvent(tips, stream, CHECKPOINT_ISSUED, { ...checkpoint, sequence, fromSize: from, leafHashes })]);
    }
  }
  await follow();
  return tree;
}

function envelopedEvent(tips: Map<string, { revision: number; hash: string }>, streamId: string, type: string, data: unknown): EventToAppend {
  const tip = tips.get(streamId);
  const revision = tip ? tip.revision + 1 : 0;
  const previousHash = tip?.hash ?? '0'.repeat(64);
  const eventId = randomUUID();
  const hash = chainHash({ streamId, streamRevision: revision, type, data, previousHash });
  const envelope: EventEnvelope = {
    eventId,
    actor: { subject: 'fr-sophie-lefebvre', roles: [] },
    correlationId: randomUUID(),
    causationId: null,
    recordedAt: new Date().toISOString(),
    schemaVersion: 1,
    previousHash,
    hash,
    batchIndex: 0,
    batchSize: 1,
  };
  envelope.envelopeHash = envelopeHash(envelope);
  tips.set(streamId, { revision, hash });
  return { id: eventId, type, data, metadata: envelope as unknown as Record<string, unknown> };
}

function needData(n: number) {
  return {
    needId: `need-${n % 2000}`,
    changes: { quantity: 10 + (n % 90), description: `Rotary-wing UAV systems with EO/IR payloads, revision ${n}`, targetQuarter: '2027-Q4' },
    estimatedBudget: { amount: `${100000 + n}.00`, currency: 'EUR' },
  };
}

async function readAll(store: SqliteEventStore): Promise<number> {
  let count = 0;
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll({ fromPosition: after, maxCount: 1000 });
    count += page.length;
    if (page.length < 1000) return count;
    after = page[page.length - 1]!.position;
  }
}

/** The stored tree built by its projection, as the runner applies it: a transaction per batch of 500. */
async function projectTree(store: SqliteEventStore, file: string): Promise<number> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(auditTreeProjection.schema);
  const started = performance.now();
  let count = 0;
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll({ fromPosition: after, maxCount: 500 });
    db.transaction(() => {
      for (const recorded of page) auditTreeProjection.apply(db, { recorded } as DecodedEvent);
    }).immediate();
    count += page.length;
    if (page.length < 500) break;
    after = page[page.length - 1]!.position;
  }
  const rate = count / ((performance.now() - started) / 1000);
  db.close();
  return rate;
}

/** The best events/s of three runs of `run`, which returns how many events it went through. */
async function best(run: () => Promise<number>): Promise<number> {
  let rate = 0;
  for (let i = 0; i < 3; i += 1) {
    const started = performance.now();
    const events = await run();
    rate = Math.max(rate, events / ((performance.now() - started) / 1000));
  }
  return rate;
}

function renderTable(rows: Row[]): string {
  const format = (n: number) => Math.round(n).toLocaleString('en-US');
  return [
    '| scenario | events | events/s | vs raw |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((row) => `| ${row.scenario} | ${format(row.events)} | ${format(row.eventsPerSec)} | ${row.vsRaw === undefined ? 'baseline' : `${row.vsRaw.toFixed(2)}×`} |`),
  ].join('\n');
}

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'tools'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
