/**
 * Crash safety: a child process appends in a loop and prints each position once its append has
 * resolved; we SIGKILL it at an arbitrary moment, reopen the file and check that every printed
 * event is there, exactly once, and that the store still works. Several rounds on one file.
 *
 * The child runs the real TypeScript adapter: the adapter and the child script are transpiled
 * with @swc/core into a temp dir at test start, so no prior build is needed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import swc from '@swc/core';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore } from '../src/sqlite/sqlite-event-store.js';
import type { RecordedEvent } from '../src/event-store.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const libRoot = path.resolve(here, '..');
const repoRoot = path.resolve(libRoot, '..', '..');

const KILL_AFTER_LINES = 200;
const ROUNDS = 3;

interface Printed {
  position: string;
  id: string;
  streamId: string;
}

/** Transpiles libs/event-store/{src,test/crash-child.ts} to ESM JavaScript under `outDir`. */
function buildChild(outDir: string): string {
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      // The EventStoreDB adapter is not needed by the child.
      if (entry.isDirectory()) {
        if (entry.name !== 'eventstoredb') walk(full);
      } else if (entry.name.endsWith('.ts') && entry.name !== 'index.ts' && !entry.name.endsWith('.d.ts')) {
        sources.push(full);
      }
    }
  };
  walk(path.join(libRoot, 'src'));
  sources.push(path.join(here, 'crash-child.ts'));
  for (const source of sources) {
    const { code } = swc.transformFileSync(source, {
      swcrc: false,
      module: { type: 'es6' },
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    });
    const target = path.join(outDir, path.relative(libRoot, source)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, code);
  }
  fs.writeFileSync(path.join(outDir, 'package.json'), JSON.stringify({ type: 'module' }));
  // Bare imports (better-sqlite3) resolve through the repository's node_modules.
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(outDir, 'node_modules'), 'dir');
  return path.join(outDir, 'test', 'crash-child.js');
}

/** Runs the child until it has printed `lines` lines, then SIGKILLs it; returns what it printed. */
function runAndKill(childScript: string, file: string, label: string, lines: number): Promise<Printed[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, file, label], { stdio: ['ignore', 'pipe', 'pipe'] });
    const printed: Printed[] = [];
    let stderr = '';
    let killed = false;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const reader = createInterface({ input: child.stdout });
    reader.on('line', (line) => {
      const [position, id, streamId] = line.split(' ');
      printed.push({ position, id, streamId });
      if (printed.length >= lines && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    // 'close' fires after stdout has ended, so every line the child wrote has been read.
    child.on('close', (code, signal) => {
      if (!killed) {
        reject(new Error(`child ended on its own (code ${code}, signal ${signal}) after ${printed.length} lines:\n${stderr}`));
      } else if (signal !== 'SIGKILL') {
        reject(new Error(`child ended with code ${code}, signal ${signal}, not SIGKILL:\n${stderr}`));
      } else {
        resolve(printed);
      }
    });
  });
}

async function readEverything(file: string): Promise<RecordedEvent[]> {
  const store = new SqliteEventStore({ file });
  try {
    const all: RecordedEvent[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await store.readAll({ fromPosition: after, maxCount: 1000 });
      if (page.length === 0) return all;
      all.push(...page);
      after = page[page.length - 1].position;
    }
  } finally {
    await store.close();
  }
}

describe('SqliteEventStore crash safety (SIGKILL during appends)', () => {
  let dir: string;
  let childScript: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-crash-'));
    childScript = buildChild(path.join(dir, 'build'));
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged event, exactly once, across repeated kills', async () => {
    const file = path.join(dir, 'data', 'events.db');
    const printed: Printed[] = [];

    for (let round = 0; round < ROUNDS; round += 1) {
      const lines = await runAndKill(childScript, file, `r${round}`, KILL_AFTER_LINES);
      expect(lines.length).toBeGreaterThanOrEqual(KILL_AFTER_LINES);
      printed.push(...lines);

      const all = await readEverything(file);
      const positions = all.map((e) => e.position);
      expect(new Set(positions).size).toBe(positions.length);
      expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
      for (let i = 1; i < positions.length; i += 1) expect(positions[i - 1] < positions[i]).toBe(true);

      // Every acknowledged append is there, at the position it was acknowledged with.
      const byPosition = new Map(all.map((e) => [e.position, e]));
      const missing = printed.filter((p) => byPosition.get(p.position)?.id !== p.id);
      expect(missing).toEqual([]);
      for (const p of printed) expect(byPosition.get(p.position)?.streamId).toBe(p.streamId);
      expect(new Set(printed.map((p) => p.position)).size).toBe(printed.length);
      // At most the one append in flight at the kill can be recorded without having been printed.
      expect(all.length - printed.length).toBeGreaterThanOrEqual(0);
      expect(all.length - printed.length).toBeLessThanOrEqual(round + 1);

      // Every stream is still a gapless sequence of revisions.
      const revisions = new Map<string, number[]>();
      for (const e of all) revisions.set(e.streamId, [...(revisions.get(e.streamId) ?? []), e.revision]);
      for (const [, list] of revisions) expect(list).toEqual(list.map((_, i) => i));
    }

    // The file is still a working store after the last kill.
    const store = new SqliteEventStore({ file });
    try {
      const head = await store.headPosition();
      const result = await store.append('after-crash', [{ id: randomUUID(), type: 'Recovered', data: {} }]);
      expect(head !== undefined && result.position > head).toBe(true);
      const stream = await store.readStream('crash-r0-0');
      expect(stream.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });
});
