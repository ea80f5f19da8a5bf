/**
 * `concord projections rebuild` loads a fresh file its own way (no WAL while loading, secondary
 * indexes built after the last row): the file it swaps in must be the file the API's runner
 * would have made, event by event. Same schema (every table, index and trigger), WAL mode, the
 * same rows in every table, and the API's runtime serving from it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { checkReplay, compareReadModels, rebuildReadModels } from '#audit';
import { CONTEXTS, ConcordRuntime, loadConfig } from '#runtime';
import { growDataSet } from '../bench/scale/data-set.js';

const projections = CONTEXTS.flatMap((context) => context.projections);

/** Every table, index and trigger of a file, with its DDL. */
function schemaOf(file: string): Array<{ type: string; name: string; sql: string | null }> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY type, name`).all() as Array<{ type: string; name: string; sql: string | null }>;
  } finally {
    db.close();
  }
}

describe('projections rebuild', () => {
  let dataDir: string;
  let runtime: ConcordRuntime;
  let liveFile: string;
  let liveCopy: string;
  let liveSchema: ReturnType<typeof schemaOf>;
  let rebuilt: Awaited<ReturnType<typeof rebuildReadModels>>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'concord-rebuild-'));
    await growDataSet(dataDir, 60);
    runtime = ConcordRuntime.open(loadConfig({ CONCORD_DATA_DIR: dataDir }));
    liveFile = runtime.readModels.currentFile;
    liveSchema = schemaOf(liveFile);
    // The file projected event by event, kept: the swap removes it.
    liveCopy = join(dataDir, 'live-copy.db');
    runtime.readModels.db.prepare('VACUUM INTO ?').run(liveCopy);
    rebuilt = await rebuildReadModels({ store: runtime.store, codec: runtime.codec, projections, readModels: runtime.readModels });
  }, 120_000);

  afterAll(async () => {
    await runtime?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('swaps in a new file, named in CURRENT, holding every event of the log', async () => {
    expect(rebuilt.file).not.toBe(liveFile);
    expect(runtime.readModels.currentFile).toBe(rebuilt.file);
    expect(readFileSync(join(dataDir, 'read-models', 'CURRENT'), 'utf8').trim()).toBe(basename(rebuilt.file));
    expect(rebuilt.events).toBe((await runtime.store.readAll()).length);
    expect(rebuilt.position).toBe(await runtime.store.headPosition());
  });

  it('has the schema of a file the runner projects into: every table, index and trigger', () => {
    expect(liveSchema.filter((entry) => entry.type === 'index').map((entry) => entry.name)).toEqual(
      expect.arrayContaining(['needs_by_declaration', 'needs_by_organisation', 'needs_by_status_cpv', 'needs_by_buyer_group']),
    );
    expect(liveSchema.some((entry) => entry.type === 'trigger')).toBe(true);
    expect(schemaOf(rebuilt.file)).toEqual(liveSchema);
  });

  it('is in WAL mode, as the API and other processes expect of the live file', () => {
    expect(runtime.readModels.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const other = new Database(rebuilt.file, { readonly: true });
    try {
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      other.close();
    }
  });

  it('holds the same rows as the file projected event by event, totals included', () => {
    const db = new Database(rebuilt.file, { readonly: true });
    try {
      db.prepare('ATTACH DATABASE ? AS projected').run(liveCopy);
      const comparison = compareReadModels(db, 'main', 'projected');
      expect(comparison.differences).toEqual([]);
      expect(comparison.rowsCompared).toBeGreaterThan(60);
      expect(db.prepare('SELECT status, n FROM needs_totals ORDER BY status').all()).toEqual(
        db.prepare('SELECT status, COUNT(*) AS n FROM needs GROUP BY status ORDER BY status').all(),
      );
    } finally {
      db.close();
    }
  });

  it('serves queries by the indexes it built, and the replay check agrees with it', async () => {
    const plan = runtime.readModels.db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM needs WHERE organisation_id = ? ORDER BY declared_at, id`).all('x');
    expect(JSON.stringify(plan)).toContain('needs_by_organisation');
    const check = await checkReplay({ store: runtime.store, codec: runtime.codec, projections, liveFile: rebuilt.file });
    expect(check.differences).toEqual([]);
    expect(check.events).toBe(rebuilt.events);
  });
});
