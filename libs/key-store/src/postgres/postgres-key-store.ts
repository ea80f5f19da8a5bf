import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SubjectErased, type KeyStore } from '../key-store.js';

export interface PostgresKeyStoreOptions {
  /** e.g. `postgres://concord:secret@db.internal:5432/concord`. */
  connectionString: string;
  /** How long an instance trusts a key it read: another instance's erasure reaches it within this. */
  cacheMs?: number;
  /** Per statement; a stalled server fails the call instead of hanging it. */
  statementTimeoutMs?: number;
}

const DEFAULT_CACHE_MS = 5_000;
const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
/** Arbitrary, fixed: the advisory lock id of the schema migration. */
const MIGRATION_LOCK = 7_404_112_001;

/**
 * Keys in PostgreSQL, for several API instances on one EventStoreDB: unlike an append-only
 * log, a row can really be deleted. Erasure deletes the key row and records the subject as
 * erased in one transaction committed with synchronous_commit on, then vacuums the table so
 * the dead row's bytes are reclaimed; what can remain is listed in the README (backups, WAL).
 *
 * Creation and erasure of one subject are serialised by a transaction-scoped advisory lock, so
 * a key can never be created again after (or while) it is destroyed.
 */
export class PostgresKeyStore implements KeyStore {
  private readonly pool: pg.Pool;
  private readonly cacheMs: number;
  private readonly cache = new Map<string, { key: Buffer; until: number }>();
  private readonly ready: Promise<void>;

  constructor(options: PostgresKeyStoreOptions) {
    this.cacheMs = options.cacheMs ?? DEFAULT_CACHE_MS;
    const timeout = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: 4,
      statement_timeout: timeout,
      query_timeout: timeout,
      connectionTimeoutMillis: timeout,
    });
    // An idle client's connection error must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
    this.ready = this.migrate();
    this.ready.catch(() => undefined);
  }

  async keyFor(subject: string): Promise<Buffer> {
    const cached = this.cached(subject);
    if (cached) return cached;
    const key = await this.transaction(async (client) => {
      await lockSubject(client, subject);
      const found = await selectKey(client, subject);
      if (found) return found;
      if (await isErased(client, subject)) {
        throw new SubjectErased(subject);
      }
      const fresh = randomBytes(32);
      await client.query('INSERT INTO personal_data_keys (subject, key) VALUES ($1, $2)', [subject, fresh]);
      return fresh;
    });
    this.remember(subject, key);
    return key;
  }

  async find(subject: string): Promise<Buffer | undefined> {
    const cached = this.cached(subject);
    if (cached) return cached;
    await this.ready;
    const key = await selectKey(this.pool, subject);
    if (key) this.remember(subject, key);
    return key;
  }

  async isDestroyed(subject: string): Promise<boolean> {
    await this.ready;
    return isErased(this.pool, subject);
  }

  async destroy(subject: string): Promise<void> {
    this.cache.delete(subject);
    await this.transaction(async (client) => {
      await lockSubject(client, subject);
      // Durable before erasure is reported, whatever the server's default.
      await client.query('SET LOCAL synchronous_commit = on');
      await client.query('DELETE FROM personal_data_keys WHERE subject = $1', [subject]);
      await client.query(
        'INSERT INTO erased_subjects (subject, erased_at) VALUES ($1, now()) ON CONFLICT (subject) DO NOTHING',
        [subject],
      );
    });
    // Reclaims the deleted row's space so its bytes are overwritten by later writes.
    await this.pool.query('VACUUM personal_data_keys');
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.pool.end();
  }

  private async migrate(): Promise<void> {
    // One statement list, one implicit transaction; the lock keeps two instances starting at
    // once from racing on CREATE TABLE.
    await this.pool.query(`
      BEGIN;
      SELECT pg_advisory_xact_lock(${MIGRATION_LOCK});
      CREATE TABLE IF NOT EXISTS personal_data_keys (subject text PRIMARY KEY, key bytea NOT NULL);
      CREATE TABLE IF NOT EXISTS erased_subjects (subject text PRIMARY KEY, erased_at timestamptz NOT NULL);
      COMMIT;
    `);
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.ready;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private cached(subject: string): Buffer | undefined {
    const entry = this.cache.get(subject);
    if (entry && entry.until > Date.now()) return entry.key;
    this.cache.delete(subject);
    return undefined;
  }

  private remember(subject: string, key: Buffer): void {
    if (this.cacheMs > 0) this.cache.set(subject, { key, until: Date.now() + this.cacheMs });
  }
}

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

async function lockSubject(client: pg.PoolClient, subject: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [subject]);
}

async function selectKey(client: Queryable, subject: string): Promise<Buffer | undefined> {
  const result = await client.query<{ key: Buffer }>('SELECT key FROM personal_data_keys WHERE subject = $1', [subject]);
  return result.rows[0]?.key;
}

async function isErased(client: Queryable, subject: string): Promise<boolean> {
  const result = await client.query('SELECT 1 FROM erased_subjects WHERE subject = $1', [subject]);
  return (result.rowCount ?? 0) > 0;
}
