import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStoreDBClient, binaryEvent, jsonEvent } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '../src/event-store.js';
import { EventStoreTimeoutError } from '../src/errors.js';
import { decodePosition, encodePosition, presentPosition } from '../src/eventstoredb/positions.js';
import { eventStoreContract } from './contract/event-store.contract.js';
import { EventStoreDbProcess } from '../testing/eventstoredb-process.js';

// .ci/run starts a real server and sets this when one is installed on the machine.
const connectionString = process.env.EVENTSTOREDB_CONNECTION_STRING;

function beyond(position: string): string {
  const { commit, prepare } = decodePosition(position);
  return encodePosition({ commit: commit + 1_000_000n, prepare: prepare + 1_000_000n });
}

async function openStore(options: { connectionString: string; deadlineMs?: number }) {
  const { EventStoreDbEventStore } = await import('../src/eventstoredb/eventstoredb-event-store.js');
  return new EventStoreDbEventStore(options);
}

describe('EventStoreDB positions', () => {
  it('takes a position as present only when the server set it (the client reports 2^64-1 otherwise)', () => {
    const unset = 0xffff_ffff_ffff_ffffn;
    expect(presentPosition({ commit: unset, prepare: unset })).toBeUndefined();
    expect(presentPosition(undefined)).toBeUndefined();
    expect(presentPosition({ commit: 733n, prepare: 733n })).toEqual({ commit: 733n, prepare: 733n });
  });
});

if (connectionString) {
  // The contract uses fresh random stream ids and filters $all to its own streams, so it can run
  // against a shared EventStoreDB that already holds data. Its 1 MiB event and its 4 MiB limit
  // need a server started with EVENTSTORE_MAX_APPEND_SIZE=4194304, as .ci/run and docker-compose do.
  eventStoreContract(`EventStoreDbEventStore (${connectionString})`, async () => {
    const store = await openStore({ connectionString });
    return { store, cleanup: () => store.close(), positionBeyond: beyond };
  });

  describe('EventStoreDbEventStore on a real server', () => {
    let raw: EventStoreDBClient;
    beforeAll(() => {
      raw = EventStoreDBClient.connectionString(connectionString);
    });
    afterAll(async () => {
      await raw.dispose();
    });

    it('reads stream events with the positions they have in $all, so waits for them resolve', async () => {
      const store = await openStore({ connectionString });
      try {
        const streamId = `positions-${randomUUID()}`;
        const before = await store.headPosition();
        const appended = await store.append(streamId, [1, 2, 3].map((n) => ({ id: randomUUID(), type: 'Counted', data: { n } })));
        const fromStream = await store.readStream(streamId);
        const fromAll = (await store.readAll({ fromPosition: before })).filter((event) => event.streamId === streamId);
        expect(fromStream.map((event) => event.position)).toEqual(fromAll.map((event) => event.position));
        expect(fromStream.at(-1)!.position).toBe(appended.position);
        expect(fromStream.every((event) => /^\d{20}-\d{20}$/.test(event.position))).toBe(true);
        // An idempotent retry has no position in the append answer: it is read from the stream.
        const retried = await store.append(streamId, [{ id: fromStream[2]!.id, type: 'Counted', data: { n: 3 } }]);
        expect(retried.position).toBe(appended.position);
      } finally {
        await store.close();
      }
    });

    it("keeps another store's pending appends alive when one store of the process closes (one client per process)", async () => {
      const first = await openStore({ connectionString });
      const second = await openStore({ connectionString });
      try {
        const streamId = `shared-client-${randomUUID()}`;
        await first.append(streamId, [{ id: randomUUID(), type: 'Opened', data: {} }]);
        // Appends in flight on the second store while the first one closes (its streams cancelled).
        let running = true;
        const appended: string[] = [];
        const workers = Array.from({ length: 8 }, async (_, worker) => {
          for (let n = 0; running; n += 1) {
            const id = `${streamId}-${worker}-${n}`;
            await second.append(id, [{ id: randomUUID(), type: 'Appended', data: { n } }]);
            appended.push(id);
          }
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        await first.close();
        await new Promise((resolve) => setTimeout(resolve, 300));
        running = false;
        const outcomes = await Promise.allSettled(workers);
        expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
        expect(appended.length).toBeGreaterThan(8);
        expect(await second.readStream(appended.at(-1)!)).toHaveLength(1);
      } finally {
        await first.close();
        await second.close();
      }
    });

    it('passes only Concord events from $all: no binary, non-object, link or system events; soft-deleted and truncated streams stay', async () => {
      const store = await openStore({ connectionString });
      try {
        const tag = randomUUID();
        const before = await store.headPosition();
        const ours = `need-${tag}`;
        await store.append(ours, [{ id: randomUUID(), type: 'NeedDeclared', data: { title: 'kept' } }]);
        await raw.appendToStream(`other-tool-${tag}`, [
          binaryEvent({ type: 'BinaryThing', data: new Uint8Array([0, 159, 146, 150]) }),
          jsonEvent({ type: 'NotAnObject', data: [1, 2, 3] }),
          jsonEvent({ type: 'ForeignButJson', data: { from: 'another tool' } }),
        ]);
        await raw.appendToStream(`$et-probe-${tag}`, jsonEvent({ type: 'SystemLike', data: {} }));
        await raw.appendToStream(`links-${tag}`, {
          id: randomUUID(),
          type: '$>',
          contentType: 'application/octet-stream',
          data: new TextEncoder().encode(`0@${ours}`),
          metadata: undefined,
        } as never);
        const softDeleted = `soft-deleted-${tag}`;
        await store.append(softDeleted, [{ id: randomUUID(), type: 'Recorded', data: { n: 1 } }]);
        await raw.deleteStream(softDeleted);
        const truncated = `truncated-${tag}`;
        await store.append(truncated, [0, 1].map((n) => ({ id: randomUUID(), type: 'Recorded', data: { n } })));
        await raw.setStreamMetadata(truncated, { truncateBefore: 1 });
        const after = await store.append(`marker-${tag}`, [{ id: randomUUID(), type: 'Marker', data: {} }]);

        const seen = (await store.readAll({ fromPosition: before })).filter((event) => event.streamId.includes(tag));
        const expected = [
          [ours, 'NeedDeclared'],
          [`other-tool-${tag}`, 'ForeignButJson'],
          [softDeleted, 'Recorded'],
          [truncated, 'Recorded'],
          [truncated, 'Recorded'],
          [`marker-${tag}`, 'Marker'],
        ];
        expect(seen.map((event) => [event.streamId, event.type])).toEqual(expected);

        const live: RecordedEvent[] = [];
        const abort = new AbortController();
        for await (const event of store.subscribeToAll({ fromPosition: before, signal: abort.signal })) {
          if (event.streamId.includes(tag)) live.push(event);
          if (event.position === after.position) abort.abort();
        }
        expect(live.map((event) => [event.streamId, event.type])).toEqual(expected);
        expect(await store.headPosition()).toBe(after.position);
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

// A server of its own: these tests freeze it.
const ownServer = connectionString && EventStoreDbProcess.binary() ? describe : describe.skip;
ownServer('EventStoreDbEventStore against a stalled server', () => {
  let server: EventStoreDbProcess;
  let store: EventStore;
  beforeAll(async () => {
    server = await EventStoreDbProcess.start();
    store = await openStore({ connectionString: server.connectionString, deadlineMs: 700 });
    await store.append(`stall-${randomUUID()}`, [{ id: randomUUID(), type: 'Before', data: {} }]);
  }, 90_000);
  afterAll(async () => {
    server.resume();
    await store.close();
    await server.stop();
  });

  it('gives every call a deadline: reads, appends, the head and ping fail fast instead of hanging', async () => {
    server.stall();
    try {
      const started = Date.now();
      const outcomes = await Promise.allSettled([
        store.readStream(`stall-${randomUUID()}`),
        store.readAll({ maxCount: 10 }),
        store.headPosition(),
        store.append(`stall-${randomUUID()}`, [{ id: randomUUID(), type: 'During', data: {} }]),
      ]);
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(EventStoreTimeoutError);
      }
      expect(await store.ping()).toBe(false);
      // Generous bound for a loaded machine: without deadlines these never settle at all.
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      server.resume();
    }
    expect(await store.ping()).toBe(true);
  }, 30_000);
});
