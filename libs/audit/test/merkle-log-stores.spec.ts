import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '#event-store';
import { EventCodec, PersonalDataCipher, handleCommand, storedChainHash, systemClock, type Decider, type DomainEvent } from '#kernel';
import { SqliteKeyStore } from '#key-store';
import { BatchApplier, openReadModelFile } from '#projections';
import { AuditCheckpoints } from '../src/application/checkpoints.js';
import { verifyAgainstCheckpoint } from '../src/application/log-verification.js';
import { loadSigningKey } from '../src/application/signing-key.js';
import { storeChainSource, storeRecords, verifyChains } from '../src/application/verification.js';
import { storedRecords, verifyStoreAgainstCheckpoint } from '../src/application/stored-log-verification.js';
import type { ChainedEvent } from '../src/domain/chain.js';
import { recordedLeafHash, storedLeafHash } from '../src/domain/leaf.js';
import { verifyInclusion } from '../src/domain/merkle-tree.js';
import { auditTreeProjection } from '../src/read-model/audit-tree.projection.js';
import { AuditTree } from '../src/read-model/audit-tree.js';
import { EventLog } from '../src/read-model/event-log.js';

/**
 * The Merkle log uses nothing but the EventStore port: the same projection, checkpoints and
 * verification on every adapter. SQLite always; EventStoreDB whenever
 * EVENTSTOREDB_CONNECTION_STRING names a server (whose $all may hold other data: the tree is
 * over all of it).
 */

type Counted = DomainEvent<'Counted', { n: number }>;
const counter: Decider<{ type: 'Count'; n: number }, Counted, number> = {
  initialState: 0,
  decide: (command) => [{ type: 'Counted', data: { n: command.n } }],
  evolve: (state) => state + 1,
};

async function recordCounts(deps: Parameters<typeof handleCommand>[0], count: number): Promise<void> {
  for (let n = 0; n < count; n += 1) {
    await handleCommand(deps, {
      decider: counter,
      streamId: `counter-${randomUUID().slice(0, 8)}-${n % 3}`,
      command: { type: 'Count', n },
      context: { actor: { subject: 'tester', roles: [] }, correlationId: randomUUID() },
    });
  }
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const adapters: [string, (dir: string) => Promise<EventStore>][] = [['SQLite', async (dir) => new SqliteEventStore({ file: join(dir, 'events.db') })]];
const connectionString = process.env['EVENTSTOREDB_CONNECTION_STRING'];
if (connectionString) {
  adapters.push([
    'EventStoreDB',
    async () => {
      const { EventStoreDbEventStore } = await import('../../event-store/src/eventstoredb/eventstoredb-event-store.js');
      return new EventStoreDbEventStore({ connectionString });
    },
  ]);
}

describe.each(adapters)('the Merkle log on the %s store', (_name, open) => {
  it('is projected incrementally, checkpointed, proven and verified from the log alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-merkle-store-'));
    dirs.push(dir);
    const store = await open(dir);
    const keys = new SqliteKeyStore(join(dir, 'keys.db'));
    const codec = new EventCodec(new PersonalDataCipher(keys));
    const db = openReadModelFile(join(dir, 'read-models.db'), [auditTreeProjection]);
    const applier = new BatchApplier(codec, [auditTreeProjection]);
    const catchUp = async () => {
      for (;;) {
        const from = (db.prepare('SELECT position FROM projection_checkpoint').get() as { position: string } | undefined)?.position;
        const page = await store.readAll({ fromPosition: from || undefined, maxCount: 500 });
        if (page.length === 0) return;
        await applier.apply(db, page);
      }
    };
    try {
      const deps = { store, codec, clock: systemClock };
      const record = (count: number) => recordCounts(deps, count);
      await record(12);
      await catchUp();
      const tree = new AuditTree(() => db);
      const checkpoints = new AuditCheckpoints(deps, tree, loadSigningKey({ dataDir: dir }));
      const issued = await checkpoints.issue({ subject: 'tester', roles: [] });
      expect(issued.recorded).toBe(true);
      await record(5);
      await catchUp();

      const events: Awaited<ReturnType<EventStore['readAll']>> = [];
      for await (const page of new EventLog(store).pages()) events.push(...page);
      expect(tree.size).toBe(events.length);
      const root = tree.root(tree.size);
      for (const [index, event] of events.entries()) {
        expect(tree.leafOf(event.id)?.leafIndex).toBe(index);
        expect(verifyInclusion(index, tree.size, recordedLeafHash(event), tree.inclusionPath(index, tree.size), root)).toBe(true);
      }
      const verified = await verifyAgainstCheckpoint(storeRecords(new EventLog(store)), issued.checkpoint, checkpoints.key.publicKey);
      expect(verified).toMatchObject({ valid: true, extendsCheckpoint: true, problems: [], vouchedLeaves: issued.checkpoint.treeSize });
      expect(verified.recordedCheckpoints).toBeGreaterThanOrEqual(1);
    } finally {
      db.close();
      await keys.close();
      await store.close();
    }
  });
});

describe('the periodic checkpoint', () => {
  it('is due again after a checkpoint signed while the tree was behind left out events recorded before it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-merkle-behind-'));
    dirs.push(dir);
    const store = new SqliteEventStore({ file: join(dir, 'events.db') });
    const keys = new SqliteKeyStore(join(dir, 'keys.db'));
    const codec = new EventCodec(new PersonalDataCipher(keys));
    const db = openReadModelFile(join(dir, 'read-models.db'), [auditTreeProjection]);
    const applier = new BatchApplier(codec, [auditTreeProjection]);
    try {
      const deps = { store, codec, clock: systemClock };
      await recordCounts(deps, 3);
      // The tree holds two of the three events when the checkpoint is signed.
      await applier.apply(db, await store.readAll({ maxCount: 2 }));
      const checkpoints = new AuditCheckpoints(deps, new AuditTree(() => db), loadSigningKey({ dataDir: dir }));
      expect((await checkpoints.issue({ subject: 'tester', roles: [] })).checkpoint.treeSize).toBe(2);
      // The checkpoint is the last event: nothing is known to be left out until the tree holds it.
      const projected = (await store.readAll()).map((event) => event.position);
      expect(await checkpoints.hasNewEvents()).toBe(false);
      await applier.apply(db, (await store.readAll()).filter((event) => event.position > projected[1]!));
      expect(await checkpoints.hasNewEvents()).toBe(true);
      const next = await checkpoints.issue({ subject: 'tester', roles: [] });
      expect(next).toMatchObject({ recorded: true, checkpoint: { treeSize: 4 } });
      await applier.apply(db, (await store.readAll()).slice(4));
      expect(await checkpoints.hasNewEvents()).toBe(false);
    } finally {
      db.close();
      await keys.close();
      await store.close();
    }
  });
});

describe('verification that hashes the text the SQLite store recorded', () => {
  const setUp = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-merkle-stored-'));
    dirs.push(dir);
    const file = join(dir, 'events.db');
    const store = new SqliteEventStore({ file });
    const keys = new SqliteKeyStore(join(dir, 'keys.db'));
    const codec = new EventCodec(new PersonalDataCipher(keys));
    const db = openReadModelFile(join(dir, 'read-models.db'), [auditTreeProjection]);
    const deps = { store, codec, clock: systemClock };
    await recordCounts(deps, 9);
    await new BatchApplier(codec, [auditTreeProjection]).apply(db, await store.readAll());
    const checkpoints = new AuditCheckpoints(deps, new AuditTree(() => db), loadSigningKey({ dataDir: dir }));
    const { checkpoint } = await checkpoints.issue({ subject: 'tester', roles: [] });
    const close = async () => {
      db.close();
      await keys.close();
      await store.close();
    };
    /** Rewrites the stored data text of the event at `index` of the log, as someone with the file could. */
    const rewrite = (index: number, change: (text: string) => string) => {
      const raw = new Database(file);
      const row = raw.prepare('SELECT position, data FROM events ORDER BY position LIMIT 1 OFFSET ?').get(index) as { position: number; data: string };
      raw.prepare('UPDATE events SET data = ? WHERE position = ?').run(change(row.data), row.position);
      raw.close();
    };
    return { store, log: new EventLog(store), checkpoint, publicKey: checkpoints.key.publicKey, close, rewrite };
  };

  it('hashes each stored text to the leaf of the event it records', async () => {
    const { store, log, checkpoint, publicKey, close } = await setUp();
    try {
      const parsed = await store.readAll();
      const stored = await store.readAllStored();
      expect(stored.map((event) => storedLeafHash(event).toString('hex'))).toEqual(parsed.map((event) => recordedLeafHash(event).toString('hex')));
      expect(await verifyAgainstCheckpoint(storedRecords(log)!, checkpoint, publicKey)).toMatchObject({ valid: true, vouchedLeaves: checkpoint.treeSize });
    } finally {
      await close();
    }
  });

  it('judges text that differs only in form by what it says, and names an event whose meaning changed', async () => {
    const { log, checkpoint, publicKey, close, rewrite } = await setUp();
    try {
      rewrite(4, (text) => JSON.stringify(JSON.parse(text), null, 2));
      expect((await verifyAgainstCheckpoint(storedRecords(log)!, checkpoint, publicKey)).valid).toBe(false);
      let restarted = 0;
      const sameMeaning = await verifyStoreAgainstCheckpoint(log, checkpoint, publicKey, { onRestart: () => (restarted += 1) });
      expect(sameMeaning).toMatchObject({ valid: true, problems: [] });
      expect(restarted).toBe(1);

      rewrite(6, (text) => text.replace(/"n":\d+/, '"n":999'));
      const changed = await verifyStoreAgainstCheckpoint(log, checkpoint, publicKey);
      expect(changed.valid).toBe(false);
      expect(changed.firstMismatch?.leafIndex).toBe(6);
    } finally {
      await close();
    }
  });

  it('verifies every hash chain from the stored text, judging text that differs only in form by what it says', async () => {
    const { store, log, close, rewrite } = await setUp();
    try {
      const read = async () => {
        const pages: unknown[][] = [];
        for await (const page of storeChainSource(log).pages()) pages.push(page);
        return pages.flat() as ChainedEvent[];
      };
      // The stored text hashes to the recorded chain hash as it stands: no event is parsed for it.
      for (const event of await read()) {
        const link = { streamId: event.streamId, streamRevision: event.revision, type: event.type, previousHash: event.previousHash! };
        expect(storedChainHash(link, event.storedData!)).toBe(event.hash);
      }
      expect(await verifyChains(storeChainSource(log))).toMatchObject({ valid: true, eventsChecked: 10 });

      rewrite(4, (text) => JSON.stringify(JSON.parse(text), null, 2));
      expect(await verifyChains(storeChainSource(log))).toMatchObject({ valid: true, eventsChecked: 10 });

      rewrite(6, (text) => text.replace(/"n":\d+/, '"n":999'));
      const changed = await verifyChains(storeChainSource(log));
      const sixth = (await store.readAll())[6]!;
      expect(changed).toMatchObject({ valid: false, brokenStreams: [sixth.streamId] });
      expect(changed.firstBreak).toMatchObject({ kind: 'altered', event: { id: sixth.id } });
    } finally {
      await close();
    }
  });
});
