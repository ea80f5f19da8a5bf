import type Database from 'better-sqlite3';
import type { DecodedEvent } from '../../kernel/src/index.js';

/** Turns events into rows of a read model. `apply` runs inside the runner's transaction. */
export interface Projection {
  readonly name: string;
  /** Idempotent DDL (CREATE ... IF NOT EXISTS), run whenever a read-model file is opened. */
  readonly schema: string;
  apply(db: Database.Database, event: DecodedEvent): void;
  /**
   * Event types after which stale bytes must leave the file at once (personal data erasure):
   * the runner truncates the WAL after a batch holding one of them.
   */
  readonly purgesOn?: readonly string[];
}
