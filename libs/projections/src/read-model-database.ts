import type Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Position } from '#event-store';
import { openForBulkLoad } from './bulk-load.js';
import { openReadModelFile } from './read-model-file.js';
import type { Projection } from './projection.js';
import { prepared } from './prepared-statements.js';

const POINTER = 'CURRENT';

/**
 * The read-model SQLite file of this API instance. A file named in `CURRENT` is the live one;
 * a rebuild writes a fresh file and swaps the pointer, so readers never see a mixed state.
 * Queries must ask for `db` each time rather than keep the handle.
 */
export class ReadModelDatabase {
  private handle: Database.Database;
  private fileName: string;

  private constructor(
    readonly directory: string,
    private readonly projections: readonly Projection[],
  ) {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const pointed = this.pointedFile();
    this.fileName = pointed ?? this.newFileName();
    this.handle = openReadModelFile(join(directory, this.fileName), projections);
    // Rewriting an existing pointer could undo a swap another process made in between.
    if (!pointed) this.writePointer(this.fileName);
  }

  static open(directory: string, projections: readonly Projection[]): ReadModelDatabase {
    return new ReadModelDatabase(directory, projections);
  }

  get db(): Database.Database {
    return this.handle;
  }

  get currentFile(): string {
    return join(this.directory, this.fileName);
  }

  checkpoint(db: Database.Database = this.handle): Position {
    return readCheckpoint(db);
  }

  /**
   * A fresh, empty read-model file with every projection's schema, not yet live. For a load
   * from zero (`bulkLoad`), it is set up for the load alone, and `completeBulkLoad` must finish
   * it before it is swapped in.
   */
  createFresh(options: { bulkLoad?: boolean } = {}): { file: string; db: Database.Database } {
    const name = this.newFileName();
    const file = join(this.directory, name);
    return { file, db: options.bulkLoad ? openForBulkLoad(file, this.projections) : openReadModelFile(file, this.projections) };
  }

  /** Makes `db` (a file made by createFresh, here or in another process) the live one. */
  swapTo(file: string, db?: Database.Database): void {
    const name = basename(file);
    const previous = { handle: this.handle, name: this.fileName };
    this.handle = db ?? openReadModelFile(file, this.projections);
    this.fileName = name;
    this.writePointer(name);
    previous.handle.close();
    // The CLI swaps while the API still reads the previous file: only the last process out
    // removes it. SQLite keeps the -wal file while any connection has the database open.
    const previousFile = join(this.directory, previous.name);
    if (previous.name !== name && !existsSync(`${previousFile}-wal`)) removeDatabaseFiles(previousFile);
  }

  /** The file another process has pointed CURRENT to, when it differs from ours. */
  pointerMovedTo(): string | undefined {
    const pointed = this.pointedFile();
    return pointed && pointed !== this.fileName ? join(this.directory, pointed) : undefined;
  }

  close(): void {
    if (this.handle.open) this.handle.close();
  }

  private pointedFile(): string | undefined {
    const pointer = join(this.directory, POINTER);
    if (!existsSync(pointer)) return undefined;
    const name = readFileSync(pointer, 'utf8').trim();
    return name && existsSync(join(this.directory, name)) ? name : undefined;
  }

  private writePointer(name: string): void {
    const temp = join(this.directory, `${POINTER}.tmp-${process.pid}`);
    writeFileSync(temp, name);
    renameSync(temp, join(this.directory, POINTER));
  }

  private newFileName(): string {
    return `read-models-${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}.db`;
  }
}

export function readCheckpoint(db: Database.Database): Position {
  const row = prepared<[], { position: string }>(db, 'SELECT position FROM projection_checkpoint WHERE id = 1').get();
  return row?.position ?? '';
}

export function writeCheckpoint(db: Database.Database, position: Position): void {
  prepared(db,
    'INSERT INTO projection_checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position',
  ).run(position);
}

export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
