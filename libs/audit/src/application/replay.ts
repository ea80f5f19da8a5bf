import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAtOrAfter, type EventStore, type Position } from '#event-store';
import type { EventCodec } from '#kernel';
import { BatchApplier, completeBulkLoad, openForBulkLoad, readCheckpoint, removeDatabaseFiles, type Projection, type ReadModelDatabase } from '#projections';
import { compareReadModels, type ReadModelComparison } from './read-model-comparison.js';

export interface ReplayDeps {
  store: EventStore;
  codec: EventCodec;
  projections: readonly Projection[];
}

export interface ReplayOptions {
  /** Project nothing after this position (inclusive bound). */
  until?: Position;
  batchSize?: number;
  /** After each applied batch: how many events it held. */
  onBatch?: (events: number) => void;
  /** The caller holds a transaction open on the file around the whole load (a bulk load). */
  inOpenTransaction?: boolean;
}

/**
 * Projects every event after the file's own checkpoint into `db`, with the same projections
 * and the same batch applier (rows and checkpoint in one transaction, unless the caller holds
 * one open around the whole load) as the API's runner.
 */
export async function projectInto(deps: ReplayDeps, db: Database.Database, options: ReplayOptions = {}): Promise<number> {
  const applier = new BatchApplier(deps.codec, deps.projections);
  const batchSize = options.batchSize ?? 500;
  let projected = 0;
  for (;;) {
    const from = readCheckpoint(db);
    if (options.until !== undefined && from && isAtOrAfter(from, options.until)) return projected;
    const page = await deps.store.readAll({ fromPosition: from || undefined, maxCount: batchSize });
    const { until } = options;
    const batch = until === undefined ? page : page.filter((event) => isAtOrAfter(until, event.position));
    if (batch.length > 0) {
      if (options.inOpenTransaction) await applier.applyInOpenTransaction(db, batch);
      else await applier.apply(db, batch);
      projected += batch.length;
      options.onBatch?.(batch.length);
    }
    if (page.length < batchSize || batch.length < page.length) return projected;
  }
}

/**
 * projectInto for a file opened by openForBulkLoad, in one transaction around every batch: each
 * page is written once, at the end, instead of at every batch that touches it (ids are random,
 * so each batch touches most pages of the indexes by id).
 */
async function loadFromZero(deps: ReplayDeps, db: Database.Database, options: ReplayOptions): Promise<number> {
  db.exec('BEGIN IMMEDIATE');
  // Nothing is committed per batch here, so a batch only sizes the pages read: smaller ones
  // measured faster than 500 or more (a page and its decoded events die young).
  const events = await projectInto(deps, db, { batchSize: 250, ...options, inOpenTransaction: true });
  db.exec('COMMIT');
  return events;
}

/**
 * `concord projections rebuild`: projects from zero into a fresh file next to the live one,
 * then points CURRENT at it. An API serving from this directory keeps answering from the old
 * file until it sees the pointer move (pointerCheckMs), adopts the new file, catches up the
 * events recorded meanwhile, and removes the old file once nobody has it open.
 */
export async function rebuildReadModels(
  deps: ReplayDeps & { readModels: ReadModelDatabase },
  options: Omit<ReplayOptions, 'until'> = {},
): Promise<{ file: string; events: number; position: Position }> {
  const fresh = deps.readModels.createFresh({ bulkLoad: true });
  let events: number;
  try {
    events = await loadFromZero(deps, fresh.db, options);
    completeBulkLoad(fresh.db, fresh.file, deps.projections);
  } catch (error) {
    fresh.db.close();
    removeDatabaseFiles(fresh.file);
    throw error;
  }
  const position = readCheckpoint(fresh.db);
  deps.readModels.swapTo(fresh.file, fresh.db);
  return { file: fresh.file, events, position };
}

export interface ReplayCheck extends ReadModelComparison {
  /** The live file's checkpoint, up to which the replay was projected. */
  position: Position;
  events: number;
}

/**
 * `concord audit replay --check`, the determinism check: projects the log from zero into a
 * scratch file up to exactly the live file's checkpoint, then compares every table row by
 * row. The live file is read inside one read transaction, so an API still projecting into it
 * cannot move it under the comparison. Nothing is swapped; the scratch file is removed.
 */
export async function checkReplay(deps: ReplayDeps & { liveFile: string }, options: Omit<ReplayOptions, 'until'> = {}): Promise<ReplayCheck> {
  const directory = mkdtempSync(join(tmpdir(), 'concord-replay-'));
  const scratchFile = join(directory, 'replay.db');
  // Loaded the way a rebuild loads a file, so the check holds that way against the live file.
  // The comparison reads whole tables: the scratch file needs no secondary index.
  const scratch = openForBulkLoad(scratchFile, deps.projections);
  const live = new Database(deps.liveFile, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    live.prepare('ATTACH DATABASE ? AS replay').run(scratchFile);
    live.exec('BEGIN');
    // The first read of `main` fixes its snapshot; `replay` gets its own at its first read,
    // which comes after the scratch file is complete.
    const position = readCheckpoint(live);
    const events = position ? await loadFromZero(deps, scratch, { ...options, until: position }) : 0;
    scratch.close();
    const comparison = compareReadModels(live, 'main', 'replay');
    live.exec('COMMIT');
    return { position, events, ...comparison };
  } finally {
    if (scratch.open) scratch.close();
    live.close();
    removeDatabaseFiles(scratchFile);
    rmSync(directory, { recursive: true, force: true });
  }
}
