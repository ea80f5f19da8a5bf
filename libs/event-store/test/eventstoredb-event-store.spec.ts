import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eventStoreContract } from './contract/event-store.contract.js';

const connectionString = process.env.EVENTSTOREDB_CONNECTION_STRING;

if (connectionString) {
  // The contract uses fresh random stream ids and filters $all to its own streams, so it can run
  // against a shared EventStoreDB that already holds data. Its 1 MiB event needs a server started
  // with a larger append limit than the default 1,048,576 bytes, e.g. EVENTSTORE_MAX_APPEND_SIZE=4194304.
  eventStoreContract(`EventStoreDbEventStore (${connectionString})`, async () => {
    // Loaded only when a server is configured, so the skipped run does not need the adapter's client.
    const { EventStoreDbEventStore } = await import('../src/eventstoredb/eventstoredb-event-store.js');
    const store = new EventStoreDbEventStore({ connectionString });
    return { store, cleanup: () => store.close() };
  });

  describe('EventStoreDbEventStore keeps personal-data keys to itself', () => {
    it('never yields events of personal-data-key-* streams from readAll', async () => {
      const { EventStoreDbEventStore } = await import('../src/eventstoredb/eventstoredb-event-store.js');
      const store = new EventStoreDbEventStore({ connectionString });
      try {
        const keyStream = `personal-data-key-${randomUUID()}`;
        const visible = `probe-${randomUUID()}`;
        const before = await store.headPosition();
        await store.append(keyStream, [{ id: randomUUID(), type: 'PersonalDataKeyCreated', data: { key: 'secret' } }]);
        await store.append(visible, [{ id: randomUUID(), type: 'ProbeRecorded', data: {} }]);
        const after = await store.readAll({ fromPosition: before });
        expect(after.some((event) => event.streamId === visible)).toBe(true);
        expect(after.some((event) => event.streamId === keyStream)).toBe(false);
      } finally {
        await store.close();
      }
    });
  });
} else {
  describe.skip('EventStore contract: EventStoreDbEventStore', () => {
    it.skip('EventStoreDB contract (set EVENTSTOREDB_CONNECTION_STRING to run)', () => {});
  });
}
