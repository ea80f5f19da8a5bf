import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { openOwnerOnlyDatabase } from '#event-store';
import { DomainRuleViolation } from '../errors.js';
import type { KeyStore } from './key-store.js';

/**
 * Keys in their own SQLite file, readable by its owner only. secure_delete overwrites a
 * destroyed key's bytes in the file and the WAL is truncated afterwards, so no copy of the key
 * survives on disk. A reader holding an older snapshot keeps the WAL from being truncated:
 * destroy() retries until the checkpoint completes (see CHECKPOINT_ATTEMPTS).
 */
/** A reader holding a snapshot for longer than this much (attempts × pause) delays the truncation. */
const CHECKPOINT_ATTEMPTS = 100;
const CHECKPOINT_RETRY_MS = 50;
const BUSY_TIMEOUT_MS = 5000;

export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly cache = new Map<string, Buffer>();

  constructor(file: string) {
    this.db = openOwnerOnlyDatabase(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS subject_keys (subject TEXT PRIMARY KEY, key BLOB NOT NULL) STRICT;
      CREATE TABLE IF NOT EXISTS destroyed_subjects (subject TEXT PRIMARY KEY, destroyed_at TEXT NOT NULL) STRICT;
    `);
  }

  async keyFor(subject: string): Promise<Buffer> {
    const cached = this.cache.get(subject);
    if (cached) return cached;
    const key = this.db.transaction(() => {
      const found = this.select(subject);
      if (found) return found;
      if (this.destroyedRow(subject)) {
        throw new DomainRuleViolation('personal-data-erased', `personal data of ${subject} was erased`);
      }
      const fresh = randomBytes(32);
      this.db.prepare('INSERT INTO subject_keys (subject, key) VALUES (?, ?)').run(subject, fresh);
      return fresh;
    }).immediate();
    this.cache.set(subject, key);
    return key;
  }

  async find(subject: string): Promise<Buffer | undefined> {
    const key = this.cache.get(subject) ?? this.select(subject);
    if (key) this.cache.set(subject, key);
    return key;
  }

  async isDestroyed(subject: string): Promise<boolean> {
    return this.destroyedRow(subject);
  }

  async destroy(subject: string): Promise<void> {
    this.cache.delete(subject);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM subject_keys WHERE subject = ?').run(subject);
      this.db
        .prepare('INSERT OR IGNORE INTO destroyed_subjects (subject, destroyed_at) VALUES (?, ?)')
        .run(subject, new Date().toISOString());
    }).immediate();
    await this.truncateWal(subject);
  }

  async close(): Promise<void> {
    this.checkpoint();
    this.db.close();
  }

  /**
   * The WAL still holds the key's earlier pages until a checkpoint copies the deletion into the
   * file and truncates the log; a concurrent reader's snapshot makes the checkpoint report busy.
   */
  private async truncateWal(subject: string): Promise<void> {
    for (let attempt = 1; attempt <= CHECKPOINT_ATTEMPTS; attempt += 1) {
      if (this.checkpoint()) return;
      await sleep(CHECKPOINT_RETRY_MS);
    }
    // The row is gone; its bytes leave the WAL at the next checkpoint that completes (at the
    // latest when the store closes), as the README says.
    console.warn(`[concord] keys.db-wal could not be truncated after erasing ${subject}: a reader held it; retrying at the next checkpoint`);
  }

  /** True when every WAL frame was copied into the file and the WAL truncated. */
  private checkpoint(): boolean {
    // Without a busy timeout: waiting for readers would block every request of this process.
    this.db.pragma('busy_timeout = 0');
    try {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
      return result !== undefined && result.busy === 0 && result.log === result.checkpointed;
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }

  private select(subject: string): Buffer | undefined {
    const row = this.db.prepare<[string], { key: Buffer }>('SELECT key FROM subject_keys WHERE subject = ?').get(subject);
    return row?.key;
  }

  private destroyedRow(subject: string): boolean {
    return this.db.prepare('SELECT 1 FROM destroyed_subjects WHERE subject = ?').get(subject) !== undefined;
  }
}
