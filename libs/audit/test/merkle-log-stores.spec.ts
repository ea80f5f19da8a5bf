import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '#event-store';
import { EventCodec, PersonalDataCipher, SqliteKeyStore, handleCommand, systemClock, type Decider, type DomainEvent } from '#kernel';
import { BatchApplier, openReadModelFile } from '#projections';
import { AuditCheckpoints } from '../src/application/checkpoints.js';
import { verifyAgainstCheckpoint } from '../src/application/log-verification.js';
import { loadSigningKey } from '../src/application/signing-key.js';
import { storeRecords } from '../src/application/verification.js';
import { recordedLeafHash } from '../src/domain/leaf.js';
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
      const record = async (count: number) => {
        for (let n = 0; n < count; n += 1) {
          await handleCommand(deps, {
            decider: counter,
            streamId: `counter-${randomUUID().slice(0, 8)}-${n % 3}`,
            command: { type: 'Count', n },
            context: { actor: { subject: 'tester', roles: [] }, correlationId: randomUUID() },
          });
        }
      };
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
