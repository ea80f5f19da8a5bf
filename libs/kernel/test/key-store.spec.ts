import { afterEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbKeyStore } from '../src/personal-data/eventstoredb-key-store.js';
import type { KeyStore } from '../src/personal-data/key-store.js';
import { SqliteKeyStore } from '../src/personal-data/sqlite-key-store.js';

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

const connection = process.env['EVENTSTOREDB_CONNECTION_STRING'];
if (connection) {
  keyStoreContract('EventStoreDB', () => ({
    first: new EventStoreDbKeyStore(connection),
    second: new EventStoreDbKeyStore(connection),
    cleanup: () => undefined,
  }));
} else {
  describe('EventStoreDB key store', () => {
    it.skip('runs when EVENTSTOREDB_CONNECTION_STRING is set', () => undefined);
  });
}
