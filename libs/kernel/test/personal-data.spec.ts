/**
 * EventCodec with real keys: personal data is sealed before it is stored, opened on read,
 * crypto-shredded by destroying the subject's key (without breaking the hash chain), and old
 * schema versions are lifted by upcasters on read.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Decider } from '../src/decider.js';
import { handleCommand } from '../src/command-handling.js';
import type { EventEnvelope } from '../src/envelope.js';
import type { EventCatalog } from '../src/event-catalog.js';
import { ERASED_MARK } from '../src/event-codec.js';
import { isSealed } from '../src/personal-data/personal-data-cipher.js';
import { SqliteKeyStore } from '#key-store';
import { expectedHash } from './support/independent-hash.js';
import { openKernelFixture, type KernelFixture } from './support/kernel-fixture.js';

type PersonEvent = { type: 'PersonRegistered'; data: { personId: string; name: string; email: string | null; city: string } };
type PersonCommand = { type: 'Register'; personId: string; name: string; email: string | null; city: string };

const people: Decider<PersonCommand, PersonEvent, { registered: boolean }> = {
  initialState: { registered: false },
  decide: (command) => [
    { type: 'PersonRegistered', data: { personId: command.personId, name: command.name, email: command.email, city: command.city } },
  ],
  evolve: () => ({ registered: true }),
};

const catalog: EventCatalog = {
  personalData: { PersonRegistered: { subject: (data) => `person:${String(data['personId'])}`, fields: ['name', 'email'] } },
};

const NAME = 'Zuzana Plaintextová';
const EMAIL = 'zuzana.unique-marker@example.sk';

let fx: KernelFixture;

beforeEach(() => {
  fx = openKernelFixture(catalog);
});

afterEach(async () => {
  await fx.close();
});

async function register(personId: string, name = NAME, email: string | null = EMAIL) {
  return handleCommand(fx, {
    decider: people,
    streamId: `person-${personId}`,
    command: { type: 'Register', personId, name, email, city: 'Bratislava' },
    context: { actor: { subject: 'admin', roles: ['ADMIN'] }, correlationId: 'c' },
  });
}

function rawRows(): Array<{ data: string; metadata: string }> {
  const db = new Database(join(fx.dir, 'events.db'), { readonly: true });
  try {
    return db.prepare<[], { data: string; metadata: string }>('SELECT data, metadata FROM events ORDER BY position').all();
  } finally {
    db.close();
  }
}

function keyFileBytes(): Buffer {
  const file = join(fx.dir, 'keys.db');
  return Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
}

describe('personal data in events', () => {
  it('seals the policy fields before storing and opens them on decode', async () => {
    await register('p1');
    const [row] = rawRows();
    expect(row!.data).not.toContain(NAME);
    expect(row!.data).not.toContain(EMAIL);
    expect(row!.data).toContain('Bratislava');

    const [stored] = await fx.store.readStream('person-p1');
    const data = stored!.data as Record<string, unknown>;
    expect(isSealed(data['name'])).toBe(true);
    expect(isSealed(data['email'])).toBe(true);
    expect(data['name']).toMatchObject({ $pii: 'person:p1' });
    expect(data['city']).toBe('Bratislava');

    const decoded = await fx.codec.decode(stored!);
    expect(decoded.data).toEqual({ personId: 'p1', name: NAME, email: EMAIL, city: 'Bratislava' });
    expect(decoded.erased).toBe(false);
    expect(decoded.recorded).toBe(stored);
  });

  it('decodes an event without personal data into a copy that shares no object with the stored one', async () => {
    const data = { order: { lines: [{ sku: 'a', quantity: 2 }], note: null }, tags: ['x'] };
    await fx.store.append('orders', [{ id: randomUUID(), type: 'OrderPlaced', data }]);
    const [stored] = await fx.store.readStream('orders');
    const decoded = await fx.codec.decode(stored!);
    expect(decoded.data).toEqual(data);
    const held = decoded.data as typeof data;
    const recorded = stored!.data as typeof data;
    expect(held).not.toBe(recorded);
    expect(held.order).not.toBe(recorded.order);
    expect(held.order.lines[0]).not.toBe(recorded.order.lines[0]);
    expect(held.tags).not.toBe(recorded.tags);
  });

  it('leaves absent personal fields as they are', async () => {
    await register('p1', NAME, null);
    const [stored] = await fx.store.readStream('person-p1');
    expect((stored!.data as Record<string, unknown>)['email']).toBeNull();
    expect((await fx.codec.decode(stored!)).data['email']).toBeNull();
  });

  it('after the key is destroyed: null for the domain, the mark for auditors, flagged erased; others untouched', async () => {
    await register('p1');
    await register('p2', 'Other Person', 'other@example.sk');
    await fx.keys.destroy('person:p1');

    const [stored] = await fx.store.readStream('person-p1');
    const forDomain = await fx.codec.decode(stored!);
    expect(forDomain.data).toEqual({ personId: 'p1', name: null, email: null, city: 'Bratislava' });
    expect(forDomain.erased).toBe(true);
    const forAuditor = await fx.codec.decode(stored!, ERASED_MARK);
    expect(forAuditor.data).toEqual({ personId: 'p1', name: ERASED_MARK, email: ERASED_MARK, city: 'Bratislava' });
    expect(forAuditor.erased).toBe(true);

    const [other] = await fx.store.readStream('person-p2');
    expect(await fx.codec.decode(other!)).toMatchObject({ data: { name: 'Other Person' }, erased: false });
    expect(await fx.keys.isDestroyed('person:p1')).toBe(true);
    expect(await fx.keys.isDestroyed('person:p2')).toBe(false);
  });

  it('erasure does not change the stored data, so the hash chain still verifies', async () => {
    await register('p1');
    const before = rawRows();
    await fx.keys.destroy('person:p1');
    expect(rawRows()).toEqual(before);

    const [stored] = await fx.store.readStream('person-p1');
    const meta = stored!.metadata as unknown as EventEnvelope;
    expect(
      expectedHash({ streamId: 'person-p1', streamRevision: 0, type: stored!.type, data: stored!.data, previousHash: meta.previousHash }),
    ).toBe(meta.hash);
  });

  it('destroying a key leaves no copy of it in keys.db or its WAL', async () => {
    await register('p1');
    await register('p2', 'Other Person', 'other@example.sk');
    const key = await fx.keys.find('person:p1');
    const kept = await fx.keys.find('person:p2');
    expect(key).toHaveLength(32);
    // The search works: before destruction the key's bytes are on disk.
    expect(keyFileBytes().includes(key!)).toBe(true);

    await fx.keys.destroy('person:p1');
    expect(keyFileBytes().includes(key!)).toBe(false);
    expect(keyFileBytes().includes(kept!)).toBe(true);
    expect(await fx.keys.find('person:p1')).toBeUndefined();
  });

  it('refuses to create a destroyed key again, in this store and in a fresh one on the same file', async () => {
    await register('p1');
    await fx.keys.destroy('person:p1');
    await expect(fx.keys.keyFor('person:p1')).rejects.toMatchObject({
      code: 'DOMAIN_RULE_VIOLATED',
      details: { rule: 'personal-data-erased' },
    });
    // A command that would seal new data for the erased subject records nothing.
    const count = (await fx.allEvents()).length;
    await expect(register('p1')).rejects.toMatchObject({ details: { rule: 'personal-data-erased' } });
    expect(await fx.allEvents()).toHaveLength(count);

    const reopened = new SqliteKeyStore(join(fx.dir, 'keys.db'));
    try {
      await expect(reopened.keyFor('person:p1')).rejects.toMatchObject({ details: { rule: 'personal-data-erased' } });
      expect(await reopened.find('person:p1')).toBeUndefined();
      expect(await reopened.keyFor('person:p3')).toHaveLength(32);
    } finally {
      await reopened.close();
    }
  });

  it('keeps one key per subject across store instances', async () => {
    const key = await fx.keys.keyFor('person:p1');
    expect(await fx.keys.keyFor('person:p1')).toEqual(key);
    const reopened = new SqliteKeyStore(join(fx.dir, 'keys.db'));
    try {
      expect(await reopened.keyFor('person:p1')).toEqual(key);
    } finally {
      await reopened.close();
    }
  });
});

describe('upcasters', () => {
  const upcasting: EventCatalog = {
    upcasters: {
      // v1 had one `name`; v2 split it; v3 added a country with a default.
      ContactAdded: [
        (data) => {
          const [first = '', ...rest] = String(data['name']).split(' ');
          const { name: _name, ...others } = data;
          return { ...others, firstName: first, lastName: rest.join(' ') };
        },
        (data) => ({ ...data, country: data['country'] ?? 'unknown' }),
      ],
    },
  };

  async function recordRaw(schemaVersion: number | undefined, data: Record<string, unknown>) {
    const metadata: Record<string, unknown> = { recordedAt: '2024-01-01T00:00:00.000Z' };
    if (schemaVersion !== undefined) metadata['schemaVersion'] = schemaVersion;
    await fx.store.append('contacts', [{ id: randomUUID(), type: 'ContactAdded', data, metadata }]);
    const events = await fx.store.readStream('contacts');
    return events[events.length - 1]!;
  }

  beforeEach(async () => {
    await fx.close();
    fx = openKernelFixture(upcasting);
  });

  it('lifts an event stored at schema version 1 through every upcaster', async () => {
    const old = await recordRaw(1, { name: 'Ada King Lovelace' });
    const decoded = await fx.codec.decode(old);
    expect(decoded.data).toEqual({ firstName: 'Ada', lastName: 'King Lovelace', country: 'unknown' });
    expect(decoded.recordedAt).toBe('2024-01-01T00:00:00.000Z');
    // The stored event is not touched.
    expect(old.data).toEqual({ name: 'Ada King Lovelace' });
  });

  it('treats an event without a schema version as version 1', async () => {
    const old = await recordRaw(undefined, { name: 'Grace Hopper' });
    expect((await fx.codec.decode(old)).data).toEqual({ firstName: 'Grace', lastName: 'Hopper', country: 'unknown' });
  });

  it('applies only the upcasters above the stored version', async () => {
    const v2 = await recordRaw(2, { firstName: 'Alan', lastName: 'Turing' });
    expect((await fx.codec.decode(v2)).data).toEqual({ firstName: 'Alan', lastName: 'Turing', country: 'unknown' });
    const current = await recordRaw(3, { firstName: 'Alan', lastName: 'Turing', country: 'GB' });
    expect((await fx.codec.decode(current)).data).toEqual({ firstName: 'Alan', lastName: 'Turing', country: 'GB' });
    expect(fx.codec.schemaVersionOf('ContactAdded')).toBe(3);
    expect(fx.codec.schemaVersionOf('SomethingElse')).toBe(1);
  });
});
