import type Database from 'better-sqlite3';
import { openOwnerOnlyDatabase } from '#event-store';
import type { Projection } from './projection.js';

const CHECKPOINT_SCHEMA = `
CREATE TABLE IF NOT EXISTS projection_checkpoint (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  position TEXT NOT NULL
) STRICT;`;

/** A read-model file ready to serve and to project into: every table and index there. */
export function openReadModelFile(file: string, projections: readonly Projection[]): Database.Database {
  const db = openOwnerOnlyDatabase(file);
  setServingPragmas(db);
  createTables(db, projections);
  createIndexes(db, projections);
  return db;
}

/** How a file is used once others may read it, by this process or another one. */
export function setServingPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // The checkpoint lives in the same file, so a lost tail is replayed from the event store.
  db.pragma('synchronous = NORMAL');
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  // Pages of the needs and their indexes at 100,000 needs outgrow SQLite's default 2 MB cache;
  // each projected event and each read would then go to the file system for them.
  db.pragma('cache_size = -32768');
}

export function createTables(db: Database.Database, projections: readonly Projection[]): void {
  db.exec(CHECKPOINT_SCHEMA);
  for (const projection of projections) db.exec(projection.schema);
}

export function createIndexes(db: Database.Database, projections: readonly Projection[]): void {
  for (const projection of projections) if (projection.indexes) db.exec(projection.indexes);
}
