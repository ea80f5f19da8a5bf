/**
 * ProjectionRunner over a real SqliteEventStore and real read-model files: catch-up and live
 * following, read-your-writes, batching, failure and crash recovery (nothing applied twice,
 * nothing skipped), rebuild with swap, after-commit hooks, and adoption of a file swapped in by
 * another process. The read model is always compared with a from-scratch rebuild.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import swc from '@swc/core';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore, encodeSequence, type Position } from '#event-store';
import { EventCodec, PersonalDataCipher, type DecodedEvent } from '#kernel';
import { SqliteKeyStore } from '#key-store';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../src/projection-runner.js';
import { ReadModelDatabase } from '../src/read-model-database.js';
import { appendCounted, countingCatalog, countingProjection, snapshot, type ProjectionBehaviour, type ReadModelSnapshot } from './support/counting-projection.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');

interface Fixture {
  dir: string;
  store: SqliteEventStore;
  keys: SqliteKeyStore;
  codec: EventCodec;
  readModelsDir: string;
}

let fx: Fixture;
const cleanups: Array<() => Promise<void> | void> = [];

function openFixture(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-projections-'))): Fixture {
  const store = new SqliteEventStore({ file: path.join(dir, 'events.db'), pollIntervalMs: 50 });
  const keys = new SqliteKeyStore(path.join(dir, 'keys.db'));
  const codec = new EventCodec(new PersonalDataCipher(keys), countingCatalog);
  return { dir, store, keys, codec, readModelsDir: path.join(dir, 'read-models') };
}

beforeEach(() => {
  fx = openFixture();
});

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
  await fx.store.close();
  await fx.keys.close();
  fs.rmSync(fx.dir, { recursive: true, force: true });
});

/** A read-model database and a runner over the fixture's store; closed after the test. */
function openRunner(
  behaviour: ProjectionBehaviour = {},
  options: Partial<ProjectionRunnerOptions> = {},
  directory = fx.readModelsDir,
) {
  const projection = countingProjection(behaviour);
  const readModels = ReadModelDatabase.open(directory, [projection]);
  const runner = new ProjectionRunner({
    store: fx.store,
    codec: fx.codec,
    readModels,
    projections: [projection],
    pointerCheckMs: 0,
    retryDelayMs: 10,
    ...options,
  });
  cleanups.push(async () => {
    await runner.stop();
    readModels.close();
  });
  return { readModels, runner };
}

/** What projecting every recorded event into a brand-new file gives. */
async function fromScratch(): Promise<ReadModelSnapshot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-scratch-'));
  const projection = countingProjection();
  const readModels = ReadModelDatabase.open(dir, [projection]);
  try {
    const runner = new ProjectionRunner({ store: fx.store, codec: fx.codec, readModels, projections: [projection], pointerCheckMs: 0 });
    await runner.catchUp(readModels.db);
    return snapshot(readModels.db);
  } finally {
    readModels.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function head(): Promise<Position> {
  return (await fx.store.headPosition()) ?? '';
}

/** Waits for a condition the test cannot await directly (another process, a timer in the runner). */
async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

const rowCount = (db: Database.Database) => (db.prepare('SELECT count(*) AS n FROM applied_events').get() as { n: number }).n;
const hasEventAt = (db: Database.Database, position: Position) =>
  db.prepare('SELECT 1 FROM applied_events WHERE position = ?').get(position) !== undefined;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('ProjectionRunner', () => {
  describe('following the store', () => {
    it('catches up on recorded events, then follows live appends', async () => {
      await appendCounted(fx.store, fx.codec, 'counter-a', range(0, 5));
      await appendCounted(fx.store, fx.codec, 'counter-b', range(5, 8));
      const { readModels, runner } = openRunner();
      runner.start();
      await runner.waitFor(await head());
      expect(rowCount(readModels.db)).toBe(8);

      for (let i = 8; i < 14; i += 1) {
        const { position } = await appendCounted(fx.store, fx.codec, i % 2 ? 'counter-a' : 'counter-c', [i]);
        await runner.waitFor(position);
        expect(hasEventAt(readModels.db, position)).toBe(true);
      }
      expect(snapshot(readModels.db)).toEqual(await fromScratch());
      expect(await runner.isCaughtUp()).toBe(true);
      expect(runner.checkpoint).toBe(await head());
    });

    it('waitFor resolves once the position is projected, and not before', async () => {
      await appendCounted(fx.store, fx.codec, 'counter-a', [0]);
      const { position } = await appendCounted(fx.store, fx.codec, 'counter-a', [1]);
      const { readModels, runner } = openRunner();
      let resolved = false;
      const waiting = runner.waitFor(position).then(() => {
        resolved = true;
        // Checked the moment it resolves: the row is already there.
        return hasEventAt(readModels.db, position);
      });
      await turns(20);
      expect(resolved).toBe(false);
      expect(hasEventAt(readModels.db, position)).toBe(false);

      runner.start();
      expect(await waiting).toBe(true);
      // Already projected: resolves at once, as does the empty position.
      await runner.waitFor(position);
      await runner.waitFor('');
    });

    it('waitFor fails with an error when the position never comes', async () => {
      await appendCounted(fx.store, fx.codec, 'counter-a', [0]);
      const { runner } = openRunner();
      runner.start();
      await expect(runner.waitFor(encodeSequence(1_000_000), 50)).rejects.toThrow(/did not reach position/);
    });

    it('resumes from the stored checkpoint after a restart, applying nothing twice', async () => {
      await appendCounted(fx.store, fx.codec, 'counter-a', range(0, 10));
      const first = openRunner();
      first.runner.start();
      await first.runner.waitFor(await head());
      await first.runner.stop();
      first.readModels.close();

      await appendCounted(fx.store, fx.codec, 'counter-a', range(10, 15));
      const applied: number[] = [];
      const second = openRunner({ onApply: (event) => applied.push(Number(event.data['index'])) });
      expect(second.runner.checkpoint).toBe(first.runner.checkpoint);
      second.runner.start();
      await second.runner.waitFor(await head());
      expect(applied).toEqual(range(10, 15));
      expect(snapshot(second.readModels.db)).toEqual(await fromScratch());
    });
    it('two runners projecting into one file (API and CLI) apply each event once, checkpoint never moving back', async () => {
      const errors: unknown[] = [];
      const api = openRunner({}, { onError: (error) => errors.push(error), batchSize: 7 });
      const cli = openRunner({}, { onError: (error) => errors.push(error), batchSize: 3 });
      api.runner.start();
      cli.runner.start();
      for (let round = 0; round < 10; round += 1) await appendCounted(fx.store, fx.codec, `counter-${round % 3}`, range(round * 5, round * 5 + 5));
      await api.runner.waitFor(await head());
      await cli.runner.waitFor(await head());
      expect(errors).toEqual([]);
      expect(api.readModels.checkpoint()).toBe(await head());
      expect(snapshot(api.readModels.db)).toEqual(await fromScratch());
    });
  });

  describe('batches', () => {
    it('applies what is available in batches of up to batchSize, one transaction each', async () => {
      for (let i = 0; i < 200; i += 10) await appendCounted(fx.store, fx.codec, `counter-${i % 3}`, range(i, i + 10));
      const { readModels, runner } = openRunner({}, { batchSize: 64 });
      const commits: number[] = [];
      runner.onAfterCommit((events) => commits.push(events.length));
      runner.start();
      await runner.waitFor(await head());

      expect(commits.reduce((a, b) => a + b, 0)).toBe(200);
      expect(Math.max(...commits)).toBe(64);
      expect(commits.length).toBeLessThan(10);
      expect(rowCount(readModels.db)).toBe(200);
      expect(snapshot(readModels.db)).toEqual(await fromScratch());
    });
  });

  describe('a batch that throws halfway', () => {
    it('applies nothing of the batch, reports and retries, then matches a rebuild once the fault is gone', async () => {
      const fault = { on: false };
      const errors: unknown[] = [];
      const { readModels, runner } = openRunner(
        { failOn: (event) => fault.on && event.data['index'] === 15 },
        { batchSize: 100, onError: (error) => errors.push(error) },
      );
      const committed: Position[] = [];
      runner.onAfterCommit((events) => committed.push(...events.map((event) => event.recorded.position)));
      runner.start();
      await appendCounted(fx.store, fx.codec, 'counter-a', range(0, 10));
      const before = await head();
      await runner.waitFor(before);

      fault.on = true;
      // One append, so 10..19 arrive together and form one batch; 10..14 come before the fault.
      await appendCounted(fx.store, fx.codec, 'counter-b', range(10, 20));
      await until(() => errors.length >= 2, 'the runner has failed and retried');

      expect(errors.every((error) => /refuses event 15/.test(String(error)))).toBe(true);
      expect(String(runner.failing)).toMatch(/refuses event 15/);
      expect(readModels.checkpoint()).toBe(before);
      expect(runner.checkpoint).toBe(before);
      expect(rowCount(readModels.db)).toBe(10);
      expect(readModels.db.prepare('SELECT count(*) AS n FROM stream_counts WHERE stream_id = ?').get('counter-b')).toEqual({ n: 0 });
      expect(await runner.isCaughtUp()).toBe(false);
      expect(committed).toHaveLength(10);

      fault.on = false;
      await runner.waitFor(await head());
      expect(runner.failing).toBeUndefined();
      expect(snapshot(readModels.db)).toEqual(await fromScratch());
      const all = (await fx.store.readAll()).map((event) => event.position);
      expect(committed).toEqual(all);
    });
  });

  describe('a runner killed mid-batch', () => {
    let outDir: string;
    let childScript: string;

    beforeAll(() => {
      outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-runner-child-'));
      childScript = buildChild(outDir);
    });

    afterAll(() => {
      if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
    });

    it('restarts from the last committed batch: the read model equals a rebuild, each event applied once', async () => {
      const TOTAL = 300;
      const BATCH = 50;
      for (let i = 0; i < TOTAL; i += 25) await appendCounted(fx.store, fx.codec, `counter-${(i / 25) % 4}`, range(i, i + 25));

      // 20 ms per event: a batch takes 1 s, so a kill after 75 "applying" lines lands mid-batch.
      const child = await runAndKill(childScript, fx.dir, { slowMs: 20, batchSize: BATCH, killAfterApplying: 75 });
      expect(child.applying.length).toBeGreaterThanOrEqual(75);

      const { readModels, runner } = openRunner();
      const committedBeforeRestart = rowCount(readModels.db);
      // Some applied work was lost with the kill: it was in an uncommitted batch.
      expect(committedBeforeRestart).toBeLessThan(child.applying.length);
      // What survived is exactly whole batches, ending at the checkpoint.
      expect(committedBeforeRestart % BATCH).toBe(0);
      expect(committedBeforeRestart).toBeGreaterThanOrEqual(child.committed.reduce((sum, c) => sum + c.count, 0));
      const stored = await fx.store.readAll();
      expect(readModels.checkpoint()).toBe(stored[committedBeforeRestart - 1]!.position);

      const applied: Position[] = [];
      runner.onAfterCommit((events) => applied.push(...events.map((event) => event.recorded.position)));
      runner.start();
      await runner.waitFor(await head());

      // The restart applied exactly the events the killed runner had not committed.
      expect(applied).toEqual(stored.slice(committedBeforeRestart).map((event) => event.position));
      expect(rowCount(readModels.db)).toBe(TOTAL);
      expect(runner.failing).toBeUndefined();
      expect(snapshot(readModels.db)).toEqual(await fromScratch());
    });
  });

  describe('rebuild', () => {
    it('swaps in a fresh file with identical rows while reads go on, then keeps following', async () => {
      for (let i = 0; i < 400; i += 20) await appendCounted(fx.store, fx.codec, `counter-${i % 7}`, range(i, i + 20));
      const { readModels, runner } = openRunner({}, { batchSize: 25 });
      runner.start();
      await runner.waitFor(await head());
      const before = snapshot(readModels.db);
      const oldFile = readModels.currentFile;

      const counts: number[] = [];
      const readErrors: unknown[] = [];
      let reading = true;
      const reads = (async () => {
        while (reading) {
          try {
            // Asked for at each read, as queries must: the handle changes at the swap.
            counts.push(rowCount(readModels.db));
          } catch (error) {
            readErrors.push(error);
          }
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      try {
        await runner.rebuild();
      } finally {
        reading = false;
        await reads;
      }

      expect(readErrors).toEqual([]);
      // Reads went on during the rebuild, and never saw a half-built file.
      expect(counts.length).toBeGreaterThan(5);
      expect(counts.every((count) => count === 400)).toBe(true);

      const newFile = readModels.currentFile;
      expect(newFile).not.toBe(oldFile);
      expect(path.dirname(newFile)).toBe(readModels.directory);
      for (const suffix of ['', '-wal', '-shm']) expect(fs.existsSync(`${oldFile}${suffix}`)).toBe(false);
      expect(fs.existsSync(newFile)).toBe(true);
      expect(fs.readFileSync(path.join(readModels.directory, 'CURRENT'), 'utf8').trim()).toBe(path.basename(newFile));
      expect(snapshot(readModels.db)).toEqual(before);
      expect(fs.readdirSync(readModels.directory).filter((name) => name.endsWith('.db'))).toEqual([path.basename(newFile)]);

      const { position } = await appendCounted(fx.store, fx.codec, 'counter-live', [400, 401]);
      await runner.waitFor(position);
      expect(hasEventAt(readModels.db, position)).toBe(true);
      expect(snapshot(readModels.db)).toEqual(await fromScratch());

      // A new ReadModelDatabase on the directory opens the rebuilt file.
      const reopened = ReadModelDatabase.open(readModels.directory, [countingProjection()]);
      try {
        expect(reopened.currentFile).toBe(newFile);
      } finally {
        reopened.close();
      }
    });

    it('takes in events appended during the rebuild, each exactly once', async () => {
      for (let i = 0; i < 300; i += 20) await appendCounted(fx.store, fx.codec, `counter-${i % 3}`, range(i, i + 20));
      const errors: unknown[] = [];
      const { readModels, runner } = openRunner({}, { batchSize: 20, onError: (error) => errors.push(error) });
      const announced: Position[] = [];
      runner.onAfterCommit((events) => announced.push(...events.map((event) => event.recorded.position)));
      runner.start();
      await runner.waitFor(await head());

      let writing = true;
      let next = 300;
      const { store, codec } = fx;
      const writes = (async () => {
        // Bounded, so a rebuild that never ends fails the test instead of writing forever.
        while (writing && next < 5_000) {
          await appendCounted(store, codec, 'counter-during', [next++]);
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      try {
        await runner.rebuild();
      } finally {
        writing = false;
        await writes;
      }
      await runner.waitFor(await head());

      expect(next).toBeGreaterThan(301);
      expect(errors).toEqual([]);
      expect(rowCount(readModels.db)).toBe(next);
      expect(snapshot(readModels.db)).toEqual(await fromScratch());
      // Subscribers hear of every event once, whichever file first took it in.
      expect(announced).toEqual((await fx.store.readAll()).map((event) => event.position));
    });

    it('releases read-your-writes waiters and tells the hooks of events only the rebuild applied', async () => {
      const fault = { on: true };
      // The live file refuses event 1 (say, a bug since fixed); the fresh file takes it.
      const { readModels, runner } = openRunner(
        { failOn: (event, db) => fault.on && db === readModels.db && event.data['index'] === 1 },
        { retryDelayMs: 60_000, onError: () => {} },
      );
      const heard: number[] = [];
      runner.onAfterCommit((events) => heard.push(...events.map((event) => Number(event.data['index']))));
      runner.start();
      await appendCounted(fx.store, fx.codec, 'counter-a', [0]);
      const { position } = await appendCounted(fx.store, fx.codec, 'counter-a', [1]);
      await until(() => runner.failing !== undefined, 'the live file refused event 1');
      const waiting = runner.waitFor(position, 5_000);

      await runner.rebuild();
      expect(readModels.checkpoint()).toBe(position);
      await expect(waiting).resolves.toBeUndefined();
      expect(await runner.isCaughtUp()).toBe(true);
      expect(heard).toEqual([0, 1]);

      const next = await appendCounted(fx.store, fx.codec, 'counter-a', [2]);
      await runner.waitFor(next.position);
      expect(heard).toEqual([0, 1, 2]);
      expect(snapshot(readModels.db)).toEqual(await fromScratch());
    });

    it('works with a read-model directory given with a trailing slash', async () => {
      await appendCounted(fx.store, fx.codec, 'counter-a', range(0, 5));
      const { readModels, runner } = openRunner({}, {}, `${fx.readModelsDir}${path.sep}`);
      runner.start();
      await runner.waitFor(await head());
      await runner.rebuild();
      const pointed = fs.readFileSync(path.join(fx.readModelsDir, 'CURRENT'), 'utf8').trim();
      expect(fs.existsSync(path.join(fx.readModelsDir, pointed))).toBe(true);
      expect(path.basename(readModels.currentFile)).toBe(pointed);
      expect(snapshot(readModels.db)).toEqual(await fromScratch());
    });
  });

  describe('after-commit hooks', () => {
    it('receive the decoded events in order, once each', async () => {
      const { runner } = openRunner({}, { batchSize: 7 });
      const heard: DecodedEvent[] = [];
      runner.onAfterCommit((events) => heard.push(...events));
      await appendCounted(fx.store, fx.codec, 'counter-a', range(0, 12));
      runner.start();
      for (let i = 12; i < 30; i += 3) {
        const { position } = await appendCounted(fx.store, fx.codec, `counter-${i % 2}`, range(i, i + 3));
        if (i % 2) await runner.waitFor(position);
      }
      await runner.waitFor(await head());

      const stored = await fx.store.readAll();
      expect(heard.map((event) => event.recorded.position)).toEqual(stored.map((event) => event.position));
      expect(heard.map((event) => event.data['index'])).toEqual(range(0, 30));
      // Decoded: personal data is open, unlike in the store.
      expect(heard[3]!.data['who']).toBe('person number 3');
      expect(JSON.stringify(stored[3]!.data)).not.toContain('person number');
      expect(heard.every((event) => event.type === 'Counted' && typeof event.recordedAt === 'string')).toBe(true);
    });

    it('are called after the commit, and a throwing hook neither stops the runner nor the other hooks', async () => {
      const errors: unknown[] = [];
      const { readModels, runner } = openRunner({}, { onError: (error) => errors.push(error) });
      const seenInFile: boolean[] = [];
      runner.onAfterCommit(() => {
        throw new Error('subscriber broke');
      });
      runner.onAfterCommit((events) => {
        // The rows are visible from another connection: the transaction has committed.
        const other = new Database(readModels.currentFile, { readonly: true });
        try {
          for (const event of events) {
            seenInFile.push(other.prepare('SELECT 1 FROM applied_events WHERE position = ?').get(event.recorded.position) !== undefined);
          }
        } finally {
          other.close();
        }
      });
      const heard: number[] = [];
      const unsubscribe = runner.onAfterCommit((events) => heard.push(...events.map((e) => Number(e.data['index']))));
      runner.start();
      await runner.waitFor((await appendCounted(fx.store, fx.codec, 'counter-a', [0, 1])).position);
      unsubscribe();
      await runner.waitFor((await appendCounted(fx.store, fx.codec, 'counter-a', [2])).position);

      expect(heard).toEqual([0, 1]);
      expect(seenInFile).toEqual([true, true, true]);
      expect(errors.map(String)).toEqual(['Error: subscriber broke', 'Error: subscriber broke']);
      expect(runner.failing).toBeUndefined();
      expect(rowCount(readModels.db)).toBe(3);
    });
  });

  describe('a file swapped in by another process', () => {
    it('pointerMovedTo names the file another instance pointed CURRENT to', async () => {
      const mine = ReadModelDatabase.open(fx.readModelsDir, [countingProjection()]);
      const theirs = ReadModelDatabase.open(fx.readModelsDir, [countingProjection()]);
      try {
        expect(theirs.currentFile).toBe(mine.currentFile);
        expect(mine.pointerMovedTo()).toBeUndefined();
        const fresh = theirs.createFresh();
        theirs.swapTo(fresh.file, fresh.db);
        expect(mine.pointerMovedTo()).toBe(fresh.file);
        mine.swapTo(fresh.file);
        expect(mine.currentFile).toBe(fresh.file);
        expect(mine.pointerMovedTo()).toBeUndefined();
      } finally {
        mine.close();
        theirs.close();
      }
    });

    it('a running runner adopts a file rebuilt elsewhere and follows on in it', async () => {
      for (let i = 0; i < 40; i += 10) await appendCounted(fx.store, fx.codec, `counter-${i % 3}`, range(i, i + 10));
      const errors: unknown[] = [];
      const live = openRunner({}, { pointerCheckMs: 100, onError: (error) => errors.push(error) });
      const announced: Position[] = [];
      live.runner.onAfterCommit((events) => announced.push(...events.map((event) => event.recorded.position)));
      live.runner.start();
      await live.runner.waitFor(await head());
      const oldFile = live.readModels.currentFile;

      // The CLI: its own ReadModelDatabase and runner on the same directory, a rebuild, then exit.
      const cliProjection = countingProjection();
      const cliReadModels = ReadModelDatabase.open(fx.readModelsDir, [cliProjection]);
      const cli = new ProjectionRunner({
        store: fx.store,
        codec: fx.codec,
        readModels: cliReadModels,
        projections: [cliProjection],
        pointerCheckMs: 0,
      });
      await cli.rebuild();
      const rebuilt = cliReadModels.currentFile;
      cliReadModels.close();
      expect(rebuilt).not.toBe(oldFile);

      // Most likely before the live runner notices the swap: it projects into the old file, then
      // projects again into the rebuilt one, which lacks this event; subscribers hear of it once.
      await live.runner.waitFor((await appendCounted(fx.store, fx.codec, 'counter-between', [40])).position);
      await until(() => live.readModels.currentFile === rebuilt, 'the live runner adopted the rebuilt file');
      const { position } = await appendCounted(fx.store, fx.codec, 'counter-after', [41, 42]);
      await live.runner.waitFor(position);

      // The new rows are in the rebuilt file on disk, seen from another connection.
      const onDisk = new Database(rebuilt, { readonly: true });
      try {
        expect(snapshot(onDisk)).toEqual(await fromScratch());
      } finally {
        onDisk.close();
      }
      expect(snapshot(live.readModels.db)).toEqual(await fromScratch());
      expect(errors).toEqual([]);
      expect(announced).toEqual((await fx.store.readAll()).map((event) => event.position));
      expect(fs.readFileSync(path.join(fx.readModelsDir, 'CURRENT'), 'utf8').trim()).toBe(path.basename(rebuilt));
      expect(fs.existsSync(oldFile)).toBe(false);
    });
  });
});

/** Transpiles the libraries the child needs, keeping their layout, to ESM JavaScript under `outDir`. */
function buildChild(outDir: string): string {
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.spec.ts')) sources.push(full);
    }
  };
  for (const lib of ['event-store/src', 'kernel/src', 'key-store/src', 'projections/src']) walk(path.join(repoRoot, 'libs', lib));
  sources.push(path.join(here, 'runner-kill-child.ts'), path.join(here, 'support', 'counting-projection.ts'));
  for (const source of sources) {
    const { code } = swc.transformFileSync(source, {
      swcrc: false,
      module: { type: 'es6' },
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    });
    const target = path.join(outDir, path.relative(repoRoot, source)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, code);
  }
  // The repository's subpath imports (#kernel, ...) hold for the copy, to its transpiled modules.
  const { imports = {} } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { imports?: Record<string, string> };
  const compiled = Object.fromEntries(Object.entries(imports).map(([name, source]) => [name, source.replace(/\.ts$/, '.js')]));
  fs.writeFileSync(path.join(outDir, 'package.json'), JSON.stringify({ type: 'module', imports: compiled }));
  // Bare imports (better-sqlite3, the EventStoreDB client) resolve through the repository's node_modules.
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(outDir, 'node_modules'), 'dir');
  return path.join(outDir, path.relative(repoRoot, path.join(here, 'runner-kill-child.js')));
}

interface ChildReport {
  applying: Position[];
  committed: Array<{ position: Position; count: number }>;
}

/** Runs the child runner until it has started applying `killAfterApplying` events, then SIGKILLs it. */
function runAndKill(
  childScript: string,
  dataDir: string,
  options: { slowMs: number; batchSize: number; killAfterApplying: number },
): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, dataDir, String(options.slowMs), String(options.batchSize)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const report: ChildReport = { applying: [], committed: [] };
    let stderr = '';
    let killed = false;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [what, position, count] = line.split(' ');
      if (what === 'applying') report.applying.push(position!);
      if (what === 'committed') report.committed.push({ position: position!, count: Number(count) });
      if (report.applying.length >= options.killAfterApplying && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (!killed) reject(new Error(`child ended on its own (code ${code}, signal ${signal}):\n${stderr}`));
      else if (signal !== 'SIGKILL') reject(new Error(`child ended with code ${code}, signal ${signal}:\n${stderr}`));
      else resolve(report);
    });
  });
}
