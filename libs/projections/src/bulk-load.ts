import type Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { openOwnerOnlyDatabase } from '#event-store';
import type { Projection } from './projection.js';
import { createIndexes, createTables, setServingPragmas } from './read-model-file.js';

/**
 * A read-model file loaded from zero (a rebuild), before anyone reads it. Nobody else opens the
 * file until CURRENT names it, and a load that fails or is interrupted leaves a file that is
 * thrown away (or never named), never one that is served. So, while loading, the file may do
 * without what only protects readers and crash recovery:
 * - the rollback journal lives in memory: a failed batch still rolls back in this process,
 *   but nothing goes to disk for it (no WAL to write and copy back);
 * - nothing is synced until the end (`completeBulkLoad` syncs the whole file once);
 * - secondary indexes are built once at the end (see `Projection.indexes`).
 * secure_delete stays on: erasure's guarantee is about the bytes of the file, whoever reads it.
 */
export function openForBulkLoad(file: string, projections: readonly Projection[]): Database.Database {
  const db = openOwnerOnlyDatabase(file);
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('secure_delete = ON');
  // The whole file being built stays in memory at 100,000 needs: no page is read back.
  db.pragma('cache_size = -262144');
  createTables(db, projections);
  return db;
}

/**
 * Makes a bulk-loaded file like any other before it is swapped in: its secondary indexes built,
 * WAL mode and the serving pragmas set, and every page on disk (one fsync of the file, which
 * covers all the writes made unsynced while loading), so that once CURRENT names it, a crash
 * cannot lose part of it.
 */
export function completeBulkLoad(db: Database.Database, file: string, projections: readonly Projection[]): void {
  createIndexes(db, projections);
  setServingPragmas(db);
  const handle = openSync(file, 'r+');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}
