import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DomainRuleViolation } from '../errors.js';
import type { KeyStore } from './key-store.js';

/**
 * Keys in their own SQLite file. secure_delete overwrites a destroyed key's bytes in the file
 * and the WAL is truncated afterwards, so no copy of the key survives on disk.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly cache = new Map<string, Buffer>();

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
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
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private select(subject: string): Buffer | undefined {
    const row = this.db.prepare<[string], { key: Buffer }>('SELECT key FROM subject_keys WHERE subject = ?').get(subject);
    return row?.key;
  }

  private destroyedRow(subject: string): boolean {
    return this.db.prepare('SELECT 1 FROM destroyed_subjects WHERE subject = ?').get(subject) !== undefined;
  }
}
