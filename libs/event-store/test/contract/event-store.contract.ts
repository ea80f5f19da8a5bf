/**
 * The EventStore contract: one suite that every adapter must pass (SQLite always, EventStoreDB
 * whenever EVENTSTOREDB_CONNECTION_STRING is set).
 *
 * Every test uses fresh, random stream ids and looks only at the streams it created, so the suite
 * also runs against a shared EventStoreDB that holds other data (and system events) already.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { AppendResult, EventStore, EventToAppend, Position, RecordedEvent } from '../../src/event-store.js';
import {
  AppendTooLargeError,
  DuplicateEventIdError,
  SubscriptionFailedError,
  WrongExpectedRevisionError,
} from '../../src/errors.js';

export interface OpenedStore {
  store: EventStore;
  cleanup(): Promise<void>;
  /** A well-formed position of this adapter that lies after `position` by a wide margin. */
  positionBeyond(position: Position): Position;
}

/** Safety net only: a subscription that misses an event must fail the test, not hang it. */
const SUBSCRIPTION_GIVE_UP_MS = 20_000;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

export function eventStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let cleanup: (() => Promise<void>) | undefined;
    let positionBeyond: (position: Position) => Position;

    beforeEach(async () => {
      const opened = await open();
      store = opened.store;
      cleanup = opened.cleanup;
      positionBeyond = opened.positionBeyond;
    });

    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    describe('append and read back', () => {
      it('round-trips type, data, metadata, ids, revision, position and recordedAt', async () => {
        const streamId = newStreamId('roundtrip');
        const first = event('OrganisationRegistered', {
          name: 'Agence Nationale',
          country: 'FR',
          members: [{ id: 'm-1', roles: ['ADMIN'] }],
          budget: 1250000.5,
          active: true,
          note: null,
        }, { correlationId: randomUUID(), actor: { subject: 'user-1', roles: ['ADMIN'] }, schemaVersion: 1 });
        const second: EventToAppend = { id: randomUUID(), type: 'NoMetadata', data: { n: 2 } };

        const result = await store.append(streamId, [first, second]);
        expect(result.nextRevision).toBe(1);
        expect(typeof result.position).toBe('string');

        const events = await store.readStream(streamId);
        expect(events).toHaveLength(2);
        const [a, b] = events;
        expect(a).toEqual({
          id: first.id,
          streamId,
          revision: 0,
          position: expect.any(String),
          type: first.type,
          data: first.data,
          metadata: first.metadata,
          recordedAt: expect.any(String),
        });
        expect(b.id).toBe(second.id);
        expect(b.revision).toBe(1);
        expect(b.type).toBe('NoMetadata');
        expect(b.data).toEqual({ n: 2 });
        expect(b.metadata).toEqual({});
        expect(b.position).toBe(result.position);
        expect(a.position < b.position).toBe(true);
        for (const recorded of events) {
          expect(recorded.recordedAt).toMatch(ISO_INSTANT);
          expect(Number.isNaN(Date.parse(recorded.recordedAt))).toBe(false);
        }
      });

      it('returns the same events from readAll as from readStream', async () => {
        const before = await store.headPosition();
        const streamId = newStreamId('same-view');
        await store.append(streamId, [event('A', { i: 1 }, { k: 'v' }), event('B', { i: 2 })]);
        const fromStream = await store.readStream(streamId);
        const fromAll = (await readAllOurs(store, new Set([streamId]), before, 2)).events;
        expect(fromAll).toEqual(fromStream);
      });

      it('keeps per-stream order and a global order with strictly increasing positions', async () => {
        const before = await store.headPosition();
        const streamA = newStreamId('order-a');
        const streamB = newStreamId('order-b');
        const appended: { streamId: string; event: EventToAppend }[] = [];
        const results: AppendResult[] = [];
        for (let round = 0; round < 5; round += 1) {
          for (const streamId of [streamA, streamB]) {
            const batch = round % 2 === 0 ? [event(`E${round}`, { round })] : [event(`E${round}a`, { round }), event(`E${round}b`, { round })];
            const result = await store.append(streamId, batch);
            results.push(result);
            for (const e of batch) appended.push({ streamId, event: e });
          }
        }
        expectStrictlyIncreasing(results.map((r) => r.position));

        for (const streamId of [streamA, streamB]) {
          const events = await store.readStream(streamId);
          const expected = appended.filter((a) => a.streamId === streamId).map((a) => a.event);
          expect(events.map((e) => e.id)).toEqual(expected.map((e) => e.id));
          expect(events.map((e) => e.type)).toEqual(expected.map((e) => e.type));
          expect(events.map((e) => e.revision)).toEqual(expected.map((_, i) => i));
          expectStrictlyIncreasing(events.map((e) => e.position));
        }

        const all = (await readAllOurs(store, new Set([streamA, streamB]), before, appended.length)).events;
        expect(all.map((e) => e.id)).toEqual(appended.map((a) => a.event.id));
        expect(all.map((e) => e.streamId)).toEqual(appended.map((a) => a.streamId));
        expectStrictlyIncreasing(all.map((e) => e.position));
        // The position an append returns is the position of its last event.
        let index = -1;
        for (const r of results) {
          const lastOfBatch = all.findIndex((e) => e.position === r.position);
          expect(lastOfBatch).toBeGreaterThan(index);
          index = lastOfBatch;
        }
      });

      it('reports the position of the last appended event as the head', async () => {
        const head = await store.headPosition();
        expect(head === undefined || typeof head === 'string').toBe(true);
        const streamId = newStreamId('head');
        const first = await store.append(streamId, [event('A'), event('B')]);
        expect(await store.headPosition()).toBe(first.position);
        const second = await store.append(newStreamId('head-other'), [event('C')]);
        expect(await store.headPosition()).toBe(second.position);
        expect(first.position < second.position).toBe(true);
        if (head !== undefined) expect(head < first.position).toBe(true);
      });

      it('answers ping', async () => {
        expect(await store.ping()).toBe(true);
      });
    });

    describe('expectedRevision', () => {
      it('accepts the right revision number', async () => {
        const streamId = newStreamId('rev-ok');
        await store.append(streamId, [event('A'), event('B')]);
        const result = await store.append(streamId, [event('C')], { expectedRevision: 1 });
        expect(result.nextRevision).toBe(2);
        const again = await store.append(streamId, [event('D'), event('E')], { expectedRevision: 2 });
        expect(again.nextRevision).toBe(4);
        expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D', 'E']);
      });

      it('rejects a wrong revision number with expected and actual, and writes nothing', async () => {
        const streamId = newStreamId('rev-wrong');
        await store.append(streamId, [event('A'), event('B')]);
        const head = await store.headPosition();
        for (const wrong of [0, 2, 7]) {
          const error = await rejectionOf(store.append(streamId, [event('X')], { expectedRevision: wrong }));
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ streamId, expected: wrong, actual: 1 });
        }
        expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['A', 'B']);
        expect(await store.headPosition()).toBe(head);
      });

      it('rejects a revision number on a stream that does not exist', async () => {
        const streamId = newStreamId('rev-missing');
        const error = await rejectionOf(store.append(streamId, [event('X')], { expectedRevision: 0 }));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId, expected: 0, actual: 'no_stream' });
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it("accepts 'no_stream' on a new stream", async () => {
        const streamId = newStreamId('nostream-new');
        const result = await store.append(streamId, [event('A'), event('B')], { expectedRevision: 'no_stream' });
        expect(result.nextRevision).toBe(1);
      });

      it("rejects 'no_stream' on an existing stream", async () => {
        const streamId = newStreamId('nostream-existing');
        await store.append(streamId, [event('A'), event('B'), event('C')]);
        const error = await rejectionOf(store.append(streamId, [event('X')], { expectedRevision: 'no_stream' }));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId, expected: 'no_stream', actual: 2 });
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it("rejects 'stream_exists' on a new stream", async () => {
        const streamId = newStreamId('exists-new');
        const error = await rejectionOf(store.append(streamId, [event('X')], { expectedRevision: 'stream_exists' }));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId, expected: 'stream_exists', actual: 'no_stream' });
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it("accepts 'stream_exists' on an existing stream", async () => {
        const streamId = newStreamId('exists-existing');
        await store.append(streamId, [event('A')]);
        const result = await store.append(streamId, [event('B')], { expectedRevision: 'stream_exists' });
        expect(result.nextRevision).toBe(1);
      });

      it("accepts 'any' on new and existing streams, and 'any' is the default", async () => {
        const streamId = newStreamId('any');
        expect((await store.append(streamId, [event('A')], { expectedRevision: 'any' })).nextRevision).toBe(0);
        expect((await store.append(streamId, [event('B')], { expectedRevision: 'any' })).nextRevision).toBe(1);
        expect((await store.append(streamId, [event('C')])).nextRevision).toBe(2);
        expect((await store.append(newStreamId('default'), [event('D')])).nextRevision).toBe(0);
      });

      it('lets exactly one of two concurrent appends with the same expected revision win', async () => {
        for (let round = 0; round < 5; round += 1) {
          const streamId = newStreamId('race');
          await store.append(streamId, [event('Start')]);
          const left = event('Left');
          const right = event('Right');
          const outcomes = await Promise.allSettled([
            store.append(streamId, [left], { expectedRevision: 0 }),
            store.append(streamId, [right], { expectedRevision: 0 }),
          ]);
          const won = outcomes.filter((o) => o.status === 'fulfilled');
          const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(1);
          expect(lost[0].reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(lost[0].reason).toMatchObject({ streamId, expected: 0, actual: 1 });
          const events = await store.readStream(streamId);
          expect(events).toHaveLength(2);
          const winner = outcomes[0].status === 'fulfilled' ? left : right;
          expect(events[1].id).toBe(winner.id);
        }
      });

      it('answers identical appends sent at the same instant with one result, recording the batch once', async () => {
        for (const expectedRevision of ['no_stream', 'any'] as const) {
          const streamId = newStreamId(`identical-${expectedRevision}`);
          const batch = [event('Once', { n: 1 })];
          const outcomes = await Promise.allSettled([0, 1, 2].map(() => store.append(streamId, batch, { expectedRevision })));
          const results = outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : outcome.reason));
          expect(results.filter((result) => result instanceof Error).map(String)).toEqual([]);
          expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
          expect((await store.readStream(streamId)).map((e) => e.id)).toEqual([batch[0]!.id]);
        }
      }, 30_000);

      it("lets exactly one of two concurrent 'no_stream' appends create the stream", async () => {
        for (let round = 0; round < 5; round += 1) {
          const streamId = newStreamId('race-new');
          const outcomes = await Promise.allSettled([
            store.append(streamId, [event('Left'), event('Left2')], { expectedRevision: 'no_stream' }),
            store.append(streamId, [event('Right')], { expectedRevision: 'no_stream' }),
          ]);
          expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
          const lost = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(lost?.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(lost?.reason).toMatchObject({ streamId, expected: 'no_stream' });
          const events = await store.readStream(streamId);
          expect(events).toHaveLength(outcomes[0].status === 'fulfilled' ? 2 : 1);
        }
      });
    });

    describe('appends sent together (committed together where the store groups them)', () => {
      it('fails a conflicting append alone: the others of the same moment are recorded, in full', async () => {
        const [a, b, c] = [newStreamId('group-a'), newStreamId('group-b'), newStreamId('group-c')];
        await store.append(b, [event('B0')]);
        const [okA, okA2, okC] = [event('A0'), event('A1'), event('C0')];
        const stale = event('Stale');
        // Sent in one tick, so a store that commits appends in groups puts them in one group.
        const outcomes = await Promise.allSettled([
          store.append(a, [okA, okA2], { expectedRevision: 'no_stream' }),
          store.append(b, [stale, event('Stale2')], { expectedRevision: 5 }),
          store.append(c, [okC], { expectedRevision: 'no_stream' }),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ streamId: b, expected: 5, actual: 0 });
        expect((outcomes[0] as PromiseFulfilledResult<AppendResult>).value.nextRevision).toBe(1);
        expect((await store.readStream(a)).map((e) => e.id)).toEqual([okA.id, okA2.id]);
        expect((await store.readStream(b)).map((e) => e.type)).toEqual(['B0']);
        expect((await store.readStream(c)).map((e) => e.id)).toEqual([okC.id]);
      });

      it('fails a partly overlapping retry alone, and answers a whole retry sent with it with the first result', async () => {
        const streamId = newStreamId('group-retry');
        const other = newStreamId('group-retry-other');
        const [x, y, z] = [event('X'), event('Y'), event('Z')];
        const first = await store.append(streamId, [x, y]);
        const fresh = event('Fresh');
        const outcomes = await Promise.allSettled([
          store.append(streamId, [y, z]),
          store.append(streamId, [x, y], { expectedRevision: 7 }),
          store.append(other, [fresh], { expectedRevision: 'no_stream' }),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
        expect((outcomes[0] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
        expect((outcomes[1] as PromiseFulfilledResult<AppendResult>).value).toEqual(first);
        expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['X', 'Y']);
        expect((await store.readStream(other)).map((e) => e.id)).toEqual([fresh.id]);
      });

      it('applies appends to one stream sent together in the order they were sent, each checked against the one before', async () => {
        const streamId = newStreamId('group-order');
        await store.append(streamId, [event('Start')]);
        const outcomes = await Promise.allSettled([
          store.append(streamId, [event('One')], { expectedRevision: 0 }),
          store.append(streamId, [event('Two')], { expectedRevision: 1 }),
          store.append(streamId, [event('Late')], { expectedRevision: 1 }),
          store.append(streamId, [event('Three')], { expectedRevision: 2 }),
        ]);
        const won = outcomes.filter((o) => o.status === 'fulfilled').length;
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        // A store may commit them one by one, in any order among the racing ones; whichever it
        // does, each append's own check holds: the stream never has two events at one revision.
        expect(lost.every((o) => o.reason instanceof WrongExpectedRevisionError)).toBe(true);
        const events = await store.readStream(streamId);
        expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
        expect(events).toHaveLength(1 + won);
        expect(won).toBeGreaterThanOrEqual(1);
      });
    });

    describe('idempotent retries', () => {
      it('records nothing new when the same batch is appended again, and returns the same result', async () => {
        const before = await store.headPosition();
        const streamId = newStreamId('retry');
        const batch = [event('A', { i: 1 }), event('B', { i: 2 }), event('C', { i: 3 })];
        const first = await store.append(streamId, batch, { expectedRevision: 'no_stream' });
        const retry = await store.append(streamId, batch, { expectedRevision: 'no_stream' });
        expect(retry).toEqual(first);
        const retryAny = await store.append(streamId, batch);
        expect(retryAny).toEqual(first);

        const events = await store.readStream(streamId);
        expect(events.map((e) => e.id)).toEqual(batch.map((e) => e.id));
        const all = (await readAllOurs(store, new Set([streamId]), before, 3)).events;
        expect(all.map((e) => e.id)).toEqual(batch.map((e) => e.id));
        expect(await store.headPosition()).toBe(first.position);
      });

      it('answers a retry sent with another expected revision with the first result', async () => {
        const streamId = newStreamId('retry-other-revision');
        await store.append(streamId, [event('Before')], { expectedRevision: 'no_stream' });
        const batch = [event('A'), event('B')];
        const first = await store.append(streamId, batch, { expectedRevision: 0 });
        await store.append(streamId, [event('After')], { expectedRevision: 2 });
        // The client lost the answer; it retries as it would now: after reading the stream again.
        expect(await store.append(streamId, batch, { expectedRevision: 3 })).toEqual(first);
        expect(await store.append(streamId, batch, { expectedRevision: 'no_stream' })).toEqual(first);
        expect(await store.append(streamId, batch, { expectedRevision: 'stream_exists' })).toEqual(first);
        expect(await store.append(streamId, batch, { expectedRevision: 'any' })).toEqual(first);
        expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['Before', 'A', 'B', 'After']);
      });

      it("records a batch once when it is retried with 'any' or 'stream_exists' after other appends", async () => {
        const streamId = newStreamId('retry-any');
        await store.append(streamId, [event('Before')]);
        const batch = [event('A')];
        const first = await store.append(streamId, batch, { expectedRevision: 'stream_exists' });
        await store.append(streamId, [event('After')]);
        expect(await store.append(streamId, batch, { expectedRevision: 'stream_exists' })).toEqual(first);
        expect(await store.append(streamId, batch)).toEqual(first);
        expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['Before', 'A', 'After']);
      });

      it('refuses a batch that overlaps an earlier one only in part, and writes nothing', async () => {
        const streamId = newStreamId('retry-partial');
        const [a, b, c] = [event('A'), event('B'), event('C')];
        await store.append(streamId, [a, b], { expectedRevision: 'no_stream' });
        for (const expectedRevision of [1, 'any', 'stream_exists', 0] as const) {
          const error = await rejectionOf(store.append(streamId, [b, c], { expectedRevision }));
          expect(error).toBeInstanceOf(DuplicateEventIdError);
          expect(error).toMatchObject({ eventId: b.id });
        }
        expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['A', 'B']);
      });

      it('refuses the same event id twice in one batch', async () => {
        const streamId = newStreamId('retry-twice');
        const once = event('Once');
        await expect(store.append(streamId, [once, once])).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it('records nothing new when a single-event append is retried', async () => {
        const streamId = newStreamId('retry-single');
        await store.append(streamId, [event('Before')]);
        const once = event('Once');
        const first = await store.append(streamId, [once], { expectedRevision: 0 });
        const retry = await store.append(streamId, [once], { expectedRevision: 0 });
        expect(retry).toEqual(first);
        expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['Before', 'Once']);
      });
    });

    describe('readStream', () => {
      it('reads no events from a stream that has no event', async () => {
        const streamId = newStreamId('missing');
        expect(await store.readStream(streamId)).toEqual([]);
        expect(await store.readStream(streamId, { direction: 'backwards' })).toEqual([]);
        expect(await store.readStream(streamId, { fromRevision: 3, maxCount: 2 })).toEqual([]);
      });

      it('reads forwards from a revision, backwards, and with maxCount', async () => {
        const streamId = newStreamId('slices');
        await store.append(streamId, Array.from({ length: 10 }, (_, i) => event(`E${i}`, { i })));
        const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
          (await store.readStream(streamId, options)).map((e) => e.revision);

        expect(await revisions({})).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(await revisions({ direction: 'forwards' })).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(await revisions({ direction: 'backwards' })).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
        expect(await revisions({ maxCount: 3 })).toEqual([0, 1, 2]);
        expect(await revisions({ fromRevision: 4 })).toEqual([4, 5, 6, 7, 8, 9]);
        expect(await revisions({ fromRevision: 4, maxCount: 3 })).toEqual([4, 5, 6]);
        expect(await revisions({ fromRevision: 8, maxCount: 5 })).toEqual([8, 9]);
        expect(await revisions({ direction: 'backwards', maxCount: 1 })).toEqual([9]);
        expect(await revisions({ direction: 'backwards', fromRevision: 5 })).toEqual([5, 4, 3, 2, 1, 0]);
        expect(await revisions({ direction: 'backwards', fromRevision: 5, maxCount: 3 })).toEqual([5, 4, 3]);
        expect(await revisions({ direction: 'backwards', fromRevision: 0 })).toEqual([0]);
        expect(await revisions({ fromRevision: 10 })).toEqual([]);

        const backwards = await store.readStream(streamId, { direction: 'backwards', fromRevision: 6, maxCount: 2 });
        expect(backwards.map((e) => e.type)).toEqual(['E6', 'E5']);
        expect(backwards.map((e) => e.data)).toEqual([{ i: 6 }, { i: 5 }]);
      });
    });

    describe('readAll', () => {
      it('pages with an exclusive fromPosition and maxCount, covering every event exactly once', async () => {
        const before = await store.headPosition();
        const streams = [newStreamId('page-a'), newStreamId('page-b'), newStreamId('page-c')];
        const appendedIds: string[] = [];
        let last: AppendResult | undefined;
        for (let i = 0; i < 25; i += 1) {
          const batch = i % 5 === 0 ? [event('Pair1', { i }), event('Pair2', { i })] : [event('One', { i })];
          last = await store.append(streams[i % streams.length], batch);
          appendedIds.push(...batch.map((e) => e.id));
        }

        const pageSize = 7;
        const ours = new Set(streams);
        const seenPositions = new Set<Position>();
        const collected: RecordedEvent[] = [];
        let cursor = before;
        for (let pages = 0; pages < 10_000; pages += 1) {
          const page = await store.readAll({ fromPosition: cursor, maxCount: pageSize });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(pageSize);
          expectStrictlyIncreasing(page.map((e) => e.position));
          if (cursor !== undefined) expect(page[0].position > cursor).toBe(true);
          for (const e of page) {
            expect(seenPositions.has(e.position)).toBe(false);
            seenPositions.add(e.position);
            if (ours.has(e.streamId)) collected.push(e);
          }
          cursor = page[page.length - 1].position;
          if (cursor >= last!.position) break;
        }
        expect(collected.map((e) => e.id)).toEqual(appendedIds);
        expectStrictlyIncreasing(collected.map((e) => e.position));

        // Exclusive: starting at our last event yields none of ours.
        const after = await store.readAll({ fromPosition: last!.position, maxCount: 100 });
        expect(after.filter((e) => ours.has(e.streamId))).toEqual([]);
        // Starting at an event yields the event after it.
        const third = collected[2];
        const next = (await store.readAll({ fromPosition: third.position, maxCount: 1 }))[0];
        expect(next.position > third.position).toBe(true);
        if (ours.has(next.streamId)) expect(next.id).toBe(collected[3].id);
      });

      it('reads from the very beginning when fromPosition is omitted', async () => {
        const streamId = newStreamId('from-start');
        await store.append(streamId, [event('A')]);
        const firstPage = await store.readAll({ maxCount: 5 });
        expect(firstPage.length).toBeGreaterThan(0);
        expect(firstPage.length).toBeLessThanOrEqual(5);
        expectStrictlyIncreasing(firstPage.map((e) => e.position));
      });
    });

    describe('subscribeToAll', () => {
      it('catches up, then goes live, with no duplicate and no gap across the switch', async () => {
        const before = await store.headPosition();
        const streams = [newStreamId('sub-a'), newStreamId('sub-b')];
        const ours = new Set(streams);
        const expectedIds: string[] = [];
        const N = 30;
        const M = 45;
        for (let i = 0; i < N; i += 1) {
          const e = event('Past', { i });
          await store.append(streams[i % 2], [e]);
          expectedIds.push(e.id);
        }

        const controller = new AbortController();
        const giveUp = setTimeout(() => controller.abort(), SUBSCRIPTION_GIVE_UP_MS);
        const received: RecordedEvent[] = [];
        const allPositions: Position[] = [];
        let appendedLive = 0;
        try {
          for await (const e of store.subscribeToAll({ fromPosition: before, signal: controller.signal })) {
            allPositions.push(e.position);
            if (!ours.has(e.streamId)) continue;
            received.push(e);
            // Append while the subscription is still catching up (the first N deliveries), then
            // once it is live: every delivery triggers the next append, M in all.
            if (appendedLive < M) {
              const batch = appendedLive % 7 === 3 && appendedLive + 2 <= M ? [event('Live', { n: appendedLive }), event('Live', { n: appendedLive + 1 })] : [event('Live', { n: appendedLive })];
              await store.append(streams[appendedLive % 2], batch);
              expectedIds.push(...batch.map((b) => b.id));
              appendedLive += batch.length;
            }
            if (received.length >= N + M) break;
          }
        } finally {
          clearTimeout(giveUp);
          controller.abort();
        }
        expect(received.map((e) => e.id)).toEqual(expectedIds);
        expect(new Set(allPositions).size).toBe(allPositions.length);
        expectStrictlyIncreasing(allPositions);
        if (before !== undefined) expect(allPositions[0] > before).toBe(true);
        const stored = (await readAllOurs(store, ours, before, N + M)).events;
        expect(received).toEqual(stored);
      });

      it('delivers events appended by concurrent writers while live, in global order', async () => {
        const before = await store.headPosition();
        const streams = [newStreamId('live-a'), newStreamId('live-b'), newStreamId('live-c')];
        const ours = new Set(streams);
        const total = 60;
        const controller = new AbortController();
        const giveUp = setTimeout(() => controller.abort(), SUBSCRIPTION_GIVE_UP_MS);
        const consumer = (async () => {
          const received: RecordedEvent[] = [];
          for await (const e of store.subscribeToAll({ fromPosition: before, signal: controller.signal })) {
            if (!ours.has(e.streamId)) continue;
            received.push(e);
            if (received.length >= total) break;
          }
          return received;
        })();
        // Three writers interleave without waiting for the subscriber.
        await Promise.all(
          streams.map(async (streamId) => {
            for (let i = 0; i < total / streams.length; i += 1) {
              await store.append(streamId, [event('Concurrent', { i })]);
              await new Promise((resolve) => setImmediate(resolve));
            }
          }),
        );
        let received: RecordedEvent[];
        try {
          received = await consumer;
        } finally {
          clearTimeout(giveUp);
          controller.abort();
        }
        const stored = (await readAllOurs(store, ours, before, total)).events;
        expect(stored).toHaveLength(total);
        expect(received.map((e) => e.id)).toEqual(stored.map((e) => e.id));
        expectStrictlyIncreasing(received.map((e) => e.position));
      });

      it('yields only events after the position it starts from', async () => {
        const streamId = newStreamId('sub-from');
        const early = [event('E0'), event('E1'), event('E2')];
        const results: AppendResult[] = [];
        for (const e of early) results.push(await store.append(streamId, [e]));
        const from = results[1].position;
        const late = [event('L0'), event('L1')];
        for (const e of late) await store.append(streamId, [e]);

        const controller = new AbortController();
        const giveUp = setTimeout(() => controller.abort(), SUBSCRIPTION_GIVE_UP_MS);
        const received: RecordedEvent[] = [];
        const positions: Position[] = [];
        try {
          for await (const e of store.subscribeToAll({ fromPosition: from, signal: controller.signal })) {
            positions.push(e.position);
            if (e.streamId !== streamId) continue;
            received.push(e);
            if (received.length >= 3) break;
          }
        } finally {
          clearTimeout(giveUp);
          controller.abort();
        }
        expect(received.map((e) => e.id)).toEqual([early[2].id, ...late.map((e) => e.id)]);
        expect(received.map((e) => e.revision)).toEqual([2, 3, 4]);
        for (const p of positions) expect(p > from).toBe(true);
      });

      it('ends when its AbortSignal aborts, also while waiting for new events', async () => {
        const streamId = newStreamId('sub-abort');
        const before = await store.headPosition();
        const controller = new AbortController();
        const giveUp = setTimeout(() => controller.abort(), SUBSCRIPTION_GIVE_UP_MS);
        let resolveFirst!: () => void;
        const gotFirst = new Promise<void>((resolve) => (resolveFirst = resolve));
        const consumer = (async () => {
          const received: RecordedEvent[] = [];
          for await (const e of store.subscribeToAll({ fromPosition: before, signal: controller.signal })) {
            if (e.streamId !== streamId) continue;
            received.push(e);
            resolveFirst();
          }
          return received;
        })();
        const appended = event('Only');
        await store.append(streamId, [appended]);
        await gotFirst;
        // The consumer is now waiting for an event that will never come; aborting must end it.
        await new Promise((resolve) => setImmediate(resolve));
        controller.abort();
        const received = await consumer;
        clearTimeout(giveUp);
        expect(received.map((e) => e.id)).toEqual([appended.id]);
      });

      it('yields nothing when the signal is already aborted', async () => {
        const streamId = newStreamId('sub-aborted');
        const before = await store.headPosition();
        await store.append(streamId, [event('A')]);
        const controller = new AbortController();
        controller.abort();
        const received: RecordedEvent[] = [];
        for await (const e of store.subscribeToAll({ fromPosition: before, signal: controller.signal })) {
          received.push(e);
        }
        expect(received.filter((e) => e.streamId === streamId)).toEqual([]);
      });
    });

    describe('size limit', () => {
      it('refuses a batch over 4 MiB with AppendTooLargeError naming the stream, and writes nothing', async () => {
        const streamId = newStreamId('too-large');
        const error = await rejectionOf(store.append(streamId, [event('Huge', { text: 'x'.repeat(5 * 1024 * 1024) })]));
        expect(error).toBeInstanceOf(AppendTooLargeError);
        expect((error as Error).message).toContain(streamId);
        expect((error as Error).message).toMatch(/too large/);
        expect(await store.readStream(streamId)).toEqual([]);
      });
    });

    describe('subscribeToAll from a position the log does not have', () => {
      it('fails with SubscriptionFailedError instead of waiting forever (checkpoint of another log)', async () => {
        const streamId = newStreamId('beyond');
        const { position } = await store.append(streamId, [event()]);
        const iterator = store.subscribeToAll({ fromPosition: positionBeyond(position) })[Symbol.asyncIterator]();
        const outcome = await Promise.race([
          iterator.next().then(
            () => 'yielded',
            (error: unknown) => error,
          ),
          new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000)),
        ]);
        expect(outcome).toBeInstanceOf(SubscriptionFailedError);
        expect((outcome as Error).message).toMatch(/beyond the last event/);
        await iterator.return?.();
      });
    });

    describe('payloads', () => {
      it('round-trips a 1 MiB event', async () => {
        const before = await store.headPosition();
        const streamId = newStreamId('large');
        const blob = largeString(1024 * 1024);
        const big = event('LargeDocumentAttached', { blob, sha: 'n/a', nested: { again: blob.slice(0, 1000) } });
        const result = await store.append(streamId, [big, event('After', { ok: true })]);
        expect(result.nextRevision).toBe(1);
        const [read] = await store.readStream(streamId, { maxCount: 1 });
        expect(read.id).toBe(big.id);
        expect(blob.length).toBeGreaterThanOrEqual(1024 * 1024);
        expect((read.data as { blob: string }).blob.length).toBe(blob.length);
        expect(read.data).toEqual(big.data);
        const fromAll = (await readAllOurs(store, new Set([streamId]), before, 2)).events;
        expect(fromAll[0].data).toEqual(big.data);
      });

      it('round-trips unicode in stream ids, types, data and metadata', async () => {
        const before = await store.headPosition();
        const suffix = randomUUID();
        const streamId = `组织-😀-Ærø-e\u0301-${suffix}`;
        const data = {
          emoji: '🚓🚒🚑 👩🏽‍🚒 🇪🇺',
          cjk: '公共安全采购 公共調達 공공조달',
          combining: 'e\u0301 a\u0308 n\u0303 Å',
          rtl: 'مشتريات عامة',
          astral: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎',
          escapes: 'quote " backslash \\ newline \n tab \t nul \u0000 end',
          '键 🔑': ['值', '😀', { 'é': 'e\u0301' }],
        };
        const metadata = { actor: { subject: 'zoë-😀', roles: ['管理者'] }, note: 'ça\u0300 va' };
        const typed = event('Événement😀登録済み', data, metadata);
        await store.append(streamId, [typed]);

        const [read] = await store.readStream(streamId);
        expect(read.streamId).toBe(streamId);
        expect(read.type).toBe(typed.type);
        expect(read.data).toEqual(data);
        expect(read.metadata).toEqual(metadata);
        const fromAll = (await readAllOurs(store, new Set([streamId]), before, 1)).events;
        expect(fromAll).toEqual([read]);

        // No normalisation: the precomposed spelling is another stream.
        const precomposed = streamId.normalize('NFC');
        expect(precomposed).not.toBe(streamId);
        expect(await store.readStream(precomposed)).toEqual([]);
      });
    });
  });
}

function newStreamId(kind: string): string {
  return `contract_${kind}-${randomUUID()}`;
}

function event(type = 'Tested', data: unknown = {}, metadata?: Record<string, unknown>): EventToAppend {
  return metadata === undefined ? { id: randomUUID(), type, data } : { id: randomUUID(), type, data, metadata };
}

function expectStrictlyIncreasing(positions: Position[]): void {
  for (let i = 1; i < positions.length; i += 1) {
    if (!(positions[i - 1] < positions[i])) {
      throw new Error(`positions not strictly increasing at ${i}: ${positions[i - 1]} then ${positions[i]}`);
    }
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/**
 * Pages through $all from `after` (exclusive) and keeps the events of `streams`, until `count`
 * of them are in or the log ends.
 */
async function readAllOurs(
  store: EventStore,
  streams: Set<string>,
  after: Position | undefined,
  count: number,
): Promise<{ events: RecordedEvent[] }> {
  const events: RecordedEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await store.readAll({ fromPosition: cursor, maxCount: 500 });
    if (page.length === 0) break;
    for (const e of page) if (streams.has(e.streamId)) events.push(e);
    if (events.length >= count) break;
    cursor = page[page.length - 1].position;
  }
  return { events };
}

/** Deterministic, varied, mostly ASCII with some multi-byte characters. */
function largeString(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,;:!?"\\/é€中😀';
  const chars = Array.from(alphabet);
  const parts: string[] = [];
  let size = 0;
  let x = 123456789;
  // Whole code points only, so no surrogate pair is cut in half; at least `length` UTF-16 units.
  while (size < length) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const c = chars[x % chars.length];
    parts.push(c);
    size += c.length;
  }
  return parts.join('');
}
