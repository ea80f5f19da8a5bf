import { afterEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PostgresKeyStore, SqliteKeyStore, type KeyStore } from '#key-store';

/** What every key store must do; `open` gives two stores sharing one backing store. */
function keyStoreContract(name: string, open: () => { first: KeyStore; second: KeyStore; cleanup(): void }) {
  describe(`${name} key store`, () => {
    let stores: ReturnType<typeof open> | undefined;
    afterEach(async () => {
      if (!stores) return;
      await stores.first.close();
      await stores.second.close();
      stores.cleanup();
      stores = undefined;
    });

    it('creates a 256-bit key once per subject and returns it again', async () => {
      stores = open();
      const subject = `member-${randomUUID()}`;
      expect(await stores.first.find(subject)).toBeUndefined();
      const key = await stores.first.keyFor(subject);
      expect(key).toHaveLength(32);
      expect((await stores.first.keyFor(subject)).equals(key)).toBe(true);
      expect((await stores.first.find(subject))?.equals(key)).toBe(true);
    });

    it('shares keys between stores on the same backing store (API instances, CLI)', async () => {
      stores = open();
      const subject = `member-${randomUUID()}`;
      const key = await stores.first.keyFor(subject);
      expect((await stores.second.keyFor(subject)).equals(key)).toBe(true);
    });

    it('destroys a key for good: not found, marked destroyed, never created again', async () => {
      stores = open();
      const subject = `member-${randomUUID()}`;
      await stores.first.keyFor(subject);
      await stores.first.destroy(subject);
      expect(await stores.first.find(subject)).toBeUndefined();
      expect(await stores.first.isDestroyed(subject)).toBe(true);
      expect(await stores.second.isDestroyed(subject)).toBe(true);
      await expect(stores.second.keyFor(subject)).rejects.toMatchObject({ code: 'DOMAIN_RULE_VIOLATED' });
      await stores.first.destroy(subject); // destroying again is harmless
    });
  });
}

keyStoreContract('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-keys-'));
  const file = join(dir, 'keys.db');
  return { first: new SqliteKeyStore(file), second: new SqliteKeyStore(file), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
});

// .ci/run starts PostgreSQL from Debian's packages and sets this; elsewhere these tests are skipped.
const postgresUrl = process.env['CONCORD_TEST_POSTGRES_URL'];
if (postgresUrl) {
  keyStoreContract('PostgreSQL', () => ({
    first: new PostgresKeyStore({ connectionString: postgresUrl }),
    second: new PostgresKeyStore({ connectionString: postgresUrl }),
    cleanup: () => undefined,
  }));

  describe('PostgreSQL key store erases for real', () => {
    it('deletes the key row itself, so no instance can read the key again, cached or not', async () => {
      const first = new PostgresKeyStore({ connectionString: postgresUrl });
      const second = new PostgresKeyStore({ connectionString: postgresUrl, cacheMs: 0 });
      const pool = new pg.Pool({ connectionString: postgresUrl });
      try {
        const subject = `member-${randomUUID()}`;
        const key = await first.keyFor(subject);
        expect((await second.find(subject))?.equals(key)).toBe(true);
        await first.destroy(subject);
        const rows = await pool.query('SELECT key FROM personal_data_keys WHERE subject = $1', [subject]);
        expect(rows.rowCount).toBe(0);
        const anywhere = await pool.query("SELECT 1 FROM personal_data_keys WHERE position($1::bytea in key) > 0", [key]);
        expect(anywhere.rowCount).toBe(0);
        expect(await second.find(subject)).toBeUndefined();
        expect(await second.isDestroyed(subject)).toBe(true);
      } finally {
        await first.close();
        await second.close();
        await pool.end();
      }
    });

    it('never recreates a key while it is being destroyed (creation and erasure race)', async () => {
      const stores = Array.from({ length: 4 }, () => new PostgresKeyStore({ connectionString: postgresUrl, cacheMs: 0 }));
      try {
        for (let round = 0; round < 20; round += 1) {
          const subject = `member-${randomUUID()}`;
          await stores[0]!.keyFor(subject);
          await Promise.allSettled([stores[1]!.destroy(subject), stores[2]!.keyFor(subject), stores[3]!.keyFor(subject)]);
          expect(await stores[0]!.find(subject)).toBeUndefined();
          await expect(stores[2]!.keyFor(subject)).rejects.toMatchObject({ code: 'DOMAIN_RULE_VIOLATED' });
        }
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });
  });
} else {
  describe('PostgreSQL key store', () => {
    it.skip('runs when CONCORD_TEST_POSTGRES_URL is set (.ci/run sets it)', () => undefined);
  });
}
