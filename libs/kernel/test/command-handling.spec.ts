/**
 * handleCommand against a real SQLite event store: revisions, envelope, hash chain,
 * optimistic concurrency, idempotency and "nothing half-recorded".
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { canonicalJson } from '#event-store';
import { handleCommand, type CommandContext } from '../src/command-handling.js';
import type { EventEnvelope } from '../src/envelope.js';
import { Conflict, ConcordError, Forbidden } from '../src/errors.js';
import { envelopeHash } from '../src/hash-chain.js';
import { idempotentEventId, isUuid, scopedIdempotencyKey, uuidV5 } from '../src/ids.js';
import { expectedEnvelopeHash, expectedHash, ZERO_HASH } from './support/independent-hash.js';
import { openKernelFixture, type KernelFixture } from './support/kernel-fixture.js';
import { todoList, type TodoCommand } from './support/todo-list.js';

const alice = { subject: 'alice', roles: ['ADMIN'] };

let fx: KernelFixture;

beforeEach(() => {
  fx = openKernelFixture();
  todoList.decisions = 0;
});

afterEach(async () => {
  await fx.close();
});

function run(streamId: string, command: TodoCommand, context: Partial<CommandContext> = {}, authorize?: () => void | Promise<void>) {
  return handleCommand(fx, {
    decider: todoList,
    streamId,
    command,
    context: { actor: alice, correlationId: 'corr-1', ...context },
    authorize,
  });
}

const envelope = (event: RecordedEvent) => event.metadata as unknown as EventEnvelope;

/** Checks every link of a stream's chain against the definition, from the stored data. */
async function expectIntactChain(streamId: string): Promise<void> {
  const events = await fx.store.readStream(streamId);
  let previousHash = ZERO_HASH;
  for (const event of events) {
    expect(envelope(event).previousHash).toBe(previousHash);
    const hash = expectedHash({ streamId, streamRevision: event.revision, type: event.type, data: event.data, previousHash });
    expect(envelope(event).hash).toBe(hash);
    previousHash = hash;
  }
}

describe('handleCommand', () => {
  it('appends with the revision it loaded and reports version, position and the new state', async () => {
    const first = await run('todo-1', { type: 'AddTasks', titles: ['buy milk', 'call bob'] });
    expect(first).toMatchObject({ version: 2, replayed: false, state: { open: ['buy milk', 'call bob'], done: [] } });
    expect(first.recorded.map((event) => event.type)).toEqual(['TaskAdded', 'TaskAdded']);

    const second = await run('todo-1', { type: 'CompleteTask', title: 'buy milk' });
    expect(second).toMatchObject({ version: 3, state: { open: ['call bob'], done: ['buy milk'] } });
    expect(second.position > first.position).toBe(true);

    const stored = await fx.store.readStream('todo-1');
    expect(stored.map((event) => [event.revision, event.type, event.data])).toEqual([
      [0, 'TaskAdded', { title: 'buy milk' }],
      [1, 'TaskAdded', { title: 'call bob' }],
      [2, 'TaskCompleted', { title: 'buy milk' }],
    ]);
    expect(second.position).toBe(stored[2]!.position);
  });

  it('records nothing and reports the current version when the decider decides nothing', async () => {
    const empty = await run('todo-1', { type: 'Nothing' });
    expect(empty).toMatchObject({ version: 0, position: '', recorded: [], replayed: false });
    const added = await run('todo-1', { type: 'AddTasks', titles: ['a'] });
    const again = await run('todo-1', { type: 'Nothing' });
    expect(again).toMatchObject({ version: 1, position: added.position, recorded: [] });
    expect(await fx.allEvents()).toHaveLength(1);
  });

  it('sets every envelope field', async () => {
    fx.clock.instant = new Date('2025-06-07T08:09:10.111Z');
    const outcome = await run(
      'todo-1',
      { type: 'AddTasks', titles: ['a', 'b', 'c'] },
      { actor: { subject: 'bob', roles: ['AUDITOR'] }, correlationId: 'corr-42', causationId: 'cause-7' },
    );
    const stored = await fx.store.readStream('todo-1');
    expect(stored).toHaveLength(3);
    stored.forEach((event, index) => {
      const meta = envelope(event);
      expect(meta.eventId).toBe(event.id);
      expect(isUuid(meta.eventId)).toBe(true);
      expect(meta.actor).toEqual({ subject: 'bob', roles: ['AUDITOR'] });
      expect(meta.correlationId).toBe('corr-42');
      expect(meta.causationId).toBe('cause-7');
      expect(meta.recordedAt).toBe('2025-06-07T08:09:10.111Z');
      expect(meta.schemaVersion).toBe(1);
      expect(meta.batchIndex).toBe(index);
      expect(meta.batchSize).toBe(3);
      expect(meta.idempotencyKey).toBeUndefined();
      expect(meta.previousHash).toMatch(/^[0-9a-f]{64}$/);
      expect(meta.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(meta.envelopeHash).toMatch(/^[0-9a-f]{64}$/);
    });
    expect(new Set(stored.map((event) => event.id)).size).toBe(3);
    // The state handed back was evolved with the recording instant, like a fold of the stream.
    expect(outcome.state.lastChangedAt).toBe('2025-06-07T08:09:10.111Z');

    await run('todo-1', { type: 'CompleteTask', title: 'a' });
    const last = envelope((await fx.store.readStream('todo-1'))[3]!);
    expect(last.causationId).toBeNull();
    expect(last.batchIndex).toBe(0);
    expect(last.batchSize).toBe(1);
  });

  it('records the schema version the catalog declares for the event type', async () => {
    await fx.close();
    fx = openKernelFixture({ upcasters: { TaskAdded: [(data) => data, (data) => data] } });
    await run('todo-1', { type: 'AddTasks', titles: ['a'] });
    await run('todo-1', { type: 'CompleteTask', title: 'a' });
    const stored = await fx.store.readStream('todo-1');
    expect(stored.map((event) => envelope(event).schemaVersion)).toEqual([3, 1]);
  });

  describe('hash chain', () => {
    it('starts at 64 zeros and hashes the canonical JSON of the link, across commands', async () => {
      await run('todo-1', { type: 'AddTasks', titles: ['a', 'b'] });
      await run('todo-1', { type: 'CompleteTask', title: 'a' });
      await run('todo-2', { type: 'AddTasks', titles: ['x'] });
      await run('todo-1', { type: 'AddTasks', titles: ['c'] });

      const stream = await fx.store.readStream('todo-1');
      expect(stream).toHaveLength(4);
      expect(envelope(stream[0]!).previousHash).toBe(ZERO_HASH);
      for (let i = 1; i < stream.length; i += 1) {
        expect(envelope(stream[i]!).previousHash).toBe(envelope(stream[i - 1]!).hash);
      }
      await expectIntactChain('todo-1');
      // Each stream has its own chain.
      const other = await fx.store.readStream('todo-2');
      expect(envelope(other[0]!).previousHash).toBe(ZERO_HASH);
      await expectIntactChain('todo-2');
    });

    it('changes when any hashed field changes', async () => {
      await run('todo-1', { type: 'AddTasks', titles: ['a'] });
      const [event] = await fx.store.readStream('todo-1');
      const link = { streamId: 'todo-1', streamRevision: 0, type: event!.type, data: event!.data, previousHash: ZERO_HASH };
      expect(expectedHash(link)).toBe(envelope(event!).hash);
      expect(expectedHash({ ...link, streamId: 'todo-2' })).not.toBe(envelope(event!).hash);
      expect(expectedHash({ ...link, streamRevision: 1 })).not.toBe(envelope(event!).hash);
      expect(expectedHash({ ...link, type: 'TaskCompleted' })).not.toBe(envelope(event!).hash);
      expect(expectedHash({ ...link, data: { title: 'b' } })).not.toBe(envelope(event!).hash);
      expect(expectedHash({ ...link, previousHash: '1'.repeat(64) })).not.toBe(envelope(event!).hash);
    });

    it('verifies against the data as stored, even when the decided data held a Date', async () => {
      // JSON storage turns a Date into its ISO string; the hash must be over that stored form.
      await run('todo-1', { type: 'AddTasks', titles: ['a'], dueOn: new Date('2025-03-01T00:00:00.000Z') });
      const [event] = await fx.store.readStream('todo-1');
      expect(event!.data).toEqual({ title: 'a', dueOn: '2025-03-01T00:00:00.000Z' });
      await expectIntactChain('todo-1');
    });
  });

  describe('envelope hash', () => {
    it('is set on every event and recomputes from the stored envelope, with and without an idempotency key', async () => {
      fx.clock.instant = new Date('2025-06-07T08:09:10.111Z');
      await run('todo-1', { type: 'AddTasks', titles: ['a', 'b'] }, { correlationId: 'corr-9', causationId: 'cause-3' });
      await run('todo-1', { type: 'CompleteTask', title: 'a' }, { idempotencyKey: 'key-1' });
      const stored = await fx.store.readStream('todo-1');
      expect(stored).toHaveLength(3);
      for (const event of stored) {
        const meta = envelope(event);
        expect(meta.envelopeHash).toMatch(/^[0-9a-f]{64}$/);
        expect(meta.envelopeHash).toBe(expectedEnvelopeHash(meta));
      }
      expect(envelope(stored[2]!).idempotencyKey).toBe('key-1');
      // Two events of one command differ in eventId, hash and batchIndex: their envelope hashes too.
      expect(envelope(stored[0]!).envelopeHash).not.toBe(envelope(stored[1]!).envelopeHash);
    });

    it('changes when any covered field changes, including the chain hash it is bound to', async () => {
      await run('todo-1', { type: 'AddTasks', titles: ['a'] }, { causationId: 'cause-1', idempotencyKey: 'key-1' });
      const [event] = await fx.store.readStream('todo-1');
      const meta = envelope(event!);
      expect(expectedEnvelopeHash(meta)).toBe(meta.envelopeHash);
      const edits: Partial<EventEnvelope>[] = [
        { hash: '1'.repeat(64) },
        { eventId: 'another-event' },
        { actor: { subject: 'mallory', roles: ['ADMIN'] } },
        { actor: { subject: 'alice', roles: [] } },
        { correlationId: 'corr-x' },
        { causationId: null },
        { recordedAt: '2020-01-01T00:00:00.000Z' },
        { schemaVersion: 2 },
        { idempotencyKey: 'key-2' },
        { idempotencyKey: undefined },
        { batchIndex: 1 },
        { batchSize: 2 },
      ];
      for (const edit of edits) {
        const edited = { ...meta, ...edit };
        expect([edit, envelopeHash(edited)]).toEqual([edit, expectedEnvelopeHash(edited)]);
        expect([edit, envelopeHash(edited)]).not.toEqual([edit, meta.envelopeHash]);
      }
      // The stored envelope can be passed as it is: previousHash (covered through the chain hash)
      // and the envelope hash itself are not read.
      const otherwise: EventEnvelope = { ...meta, previousHash: '2'.repeat(64), envelopeHash: '3'.repeat(64) };
      expect(envelopeHash(otherwise)).toBe(meta.envelopeHash);
    });
  });

  describe('expected version', () => {
    it('appends when the expected version is the current one', async () => {
      await run('todo-1', { type: 'AddTasks', titles: ['a'] }, { expectedVersion: 0 });
      const outcome = await run('todo-1', { type: 'AddTasks', titles: ['b'] }, { expectedVersion: 1 });
      expect(outcome.version).toBe(2);
    });

    it('refuses a stale expected version with CONFLICT naming both versions, and records nothing', async () => {
      await run('todo-1', { type: 'AddTasks', titles: ['a', 'b'] });
      const error = await run('todo-1', { type: 'CompleteTask', title: 'a' }, { expectedVersion: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Conflict);
      expect(error).toMatchObject({ code: 'CONFLICT', expected: 1, actual: 2, details: { expected: 1, actual: 2 } });
      expect(await fx.allEvents()).toHaveLength(2);
    });

    it('refuses an expected version for a stream that does not exist yet', async () => {
      await expect(run('todo-9', { type: 'AddTasks', titles: ['a'] }, { expectedVersion: 3 })).rejects.toMatchObject({
        code: 'CONFLICT',
        expected: 3,
        actual: 0,
      });
      expect(await fx.allEvents()).toHaveLength(0);
    });
  });

  describe('concurrent commands on one stream', () => {
    it('without an expected version: both succeed, the loser decides again on fresh state', async () => {
      const [a, b] = await Promise.all([
        run('todo-1', { type: 'AddTasks', titles: ['a'] }),
        run('todo-1', { type: 'AddTasks', titles: ['b'] }),
      ]);
      expect([a.version, b.version].sort()).toEqual([1, 2]);
      const stored = await fx.store.readStream('todo-1');
      expect(stored.map((event) => event.revision)).toEqual([0, 1]);
      expect(stored.map((event) => (event.data as { title: string }).title).sort()).toEqual(['a', 'b']);
      // Both loaded the empty stream; one lost the append and decided a second time.
      expect(todoList.decisions).toBe(3);
      const later = a.version === 2 ? a : b;
      expect(later.state.open).toHaveLength(2);
      await expectIntactChain('todo-1');
    });

    it('the retry decides on fresh state, so a rule the winner made true refuses the loser', async () => {
      const results = await Promise.allSettled([
        run('todo-1', { type: 'AddTasks', titles: ['same'] }),
        run('todo-1', { type: 'AddTasks', titles: ['same'] }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
      expect(rejected.reason).toMatchObject({ code: 'DOMAIN_RULE_VIOLATED', details: { rule: 'task-title-unique' } });
      expect(await fx.allEvents()).toHaveLength(1);
    });

    it('with an expected version: exactly one wins, the other gets CONFLICT', async () => {
      await run('todo-1', { type: 'AddTasks', titles: ['a'] });
      const results = await Promise.allSettled([
        run('todo-1', { type: 'AddTasks', titles: ['b'] }, { expectedVersion: 1 }),
        run('todo-1', { type: 'AddTasks', titles: ['c'] }, { expectedVersion: 1 }),
      ]);
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(Conflict);
      expect(rejected[0]!.reason).toMatchObject({ expected: 1, actual: 2 });
      expect(await fx.store.readStream('todo-1')).toHaveLength(2);
    });
  });

  describe('idempotency keys', () => {
    it('derive deterministic UUID v5 event ids from key, stream and index', async () => {
      await run('todo-1', { type: 'AddTasks', titles: ['a', 'b'] }, { idempotencyKey: 'key-1' });
      await run('todo-2', { type: 'AddTasks', titles: ['a'] }, { idempotencyKey: 'key-1' });
      const one = await fx.store.readStream('todo-1');
      const two = await fx.store.readStream('todo-2');
      const scoped = scopedIdempotencyKey('key-1', alice.subject, 'AddTasks');
      expect(one.map((event) => event.id)).toEqual([idempotentEventId(scoped, 'todo-1', 0), idempotentEventId(scoped, 'todo-1', 1)]);
      for (const event of [...one, ...two]) {
        expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(envelope(event).idempotencyKey).toBe('key-1');
      }
      // The same key on another stream names other events.
      expect(two[0]!.id).not.toBe(one[0]!.id);
      expect(new Set([...one, ...two].map((event) => event.id)).size).toBe(3);
      // Deterministic: computed again, the same ids.
      expect(idempotentEventId(scoped, 'todo-1', 1)).toBe(one[1]!.id);
      expect(idempotentEventId(scopedIdempotencyKey('key-2', alice.subject, 'AddTasks'), 'todo-1', 1)).not.toBe(one[1]!.id);
    });

    it('a retry returns the first result and records nothing, even when the decider would now refuse', async () => {
      const first = await run('todo-1', { type: 'AddTasks', titles: ['a', 'b'] }, { idempotencyKey: 'key-1' });
      await run('todo-1', { type: 'CompleteTask', title: 'a' });
      const countBefore = (await fx.allEvents()).length;
      const decisionsBefore = todoList.decisions;

      // Adding 'a' again would break task-title-unique; the retry must not even ask.
      const retry = await run('todo-1', { type: 'AddTasks', titles: ['a', 'b'] }, { idempotencyKey: 'key-1' });
      expect(retry).toMatchObject({ version: first.version, position: first.position, recorded: [], replayed: true });
      expect(first.version).toBe(2);
      expect((await fx.allEvents()).length).toBe(countBefore);
      expect(todoList.decisions).toBe(decisionsBefore);

      // A retry that still carries the version the client saw first is not a conflict either.
      const stale = await run('todo-1', { type: 'AddTasks', titles: ['a', 'b'] }, { idempotencyKey: 'key-1', expectedVersion: 0 });
      expect(stale).toMatchObject({ version: 2, position: first.position, replayed: true });
      expect((await fx.allEvents()).length).toBe(countBefore);
    });

    it('a key answers only its own caller and its own kind of command', async () => {
      await run('todo-1', { type: 'AddTasks', titles: ['a'] }, { idempotencyKey: 'key-1' });
      const countBefore = (await fx.allEvents()).length;
      // Someone else reusing the key gets no replay of alice's result: their request is judged on its own.
      const refuse = () => {
        throw new Forbidden('mallory may not add tasks');
      };
      await expect(
        run('todo-1', { type: 'AddTasks', titles: ['a'] }, { idempotencyKey: 'key-1', actor: { subject: 'mallory', roles: [] } }, refuse),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await fx.allEvents()).length).toBe(countBefore);
      // Alice's own other command with the same key is a new command, not the earlier one.
      const completed = await run('todo-1', { type: 'CompleteTask', title: 'a' }, { idempotencyKey: 'key-1' });
      expect(completed).toMatchObject({ replayed: false, version: 2 });
      expect(completed.recorded.map((event) => event.type)).toEqual(['TaskCompleted']);
    });

    it('two requests with one key at the same instant: one records, the other answers the first result as a replay', async () => {
      // The first request has loaded the stream and is held before deciding; the second runs to the end.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let loaded!: () => void;
      const firstLoaded = new Promise<void>((resolve) => (loaded = resolve));
      const command: TodoCommand = { type: 'AddTasks', titles: ['a', 'b'] };
      const first = run('todo-1', command, { idempotencyKey: 'key-1', correlationId: 'request-1' }, async () => {
        loaded();
        await held;
      });
      await firstLoaded;
      const second = await run('todo-1', command, { idempotencyKey: 'key-1', correlationId: 'request-2' });
      release();
      const late = await first;
      expect(second).toMatchObject({ replayed: false, version: 2 });
      // Its append carried the very same event ids, so the store kept the second's copy.
      expect(late).toMatchObject({ replayed: true, recorded: [], version: second.version, position: second.position });
      const events = await fx.allEvents();
      expect(events.map((event) => event.type)).toEqual(['TaskAdded', 'TaskAdded']);
      expect(events.map((event) => envelope(event).correlationId)).toEqual(['request-2', 'request-2']);
    });

    it('a new key is a new command', async () => {
      await run('todo-1', { type: 'AddTasks', titles: ['a'] }, { idempotencyKey: 'key-1' });
      const next = await run('todo-1', { type: 'AddTasks', titles: ['b'] }, { idempotencyKey: 'key-2' });
      expect(next).toMatchObject({ version: 2, replayed: false });
      await expect(run('todo-1', { type: 'AddTasks', titles: ['a'] }, { idempotencyKey: 'key-3' })).rejects.toMatchObject({
        code: 'DOMAIN_RULE_VIOLATED',
      });
      expect(await fx.allEvents()).toHaveLength(2);
    });

    it('two concurrent sends of one key record the command once', async () => {
      const [a, b] = await Promise.all([
        run('todo-1', { type: 'AddTasks', titles: ['a'] }, { idempotencyKey: 'key-1' }),
        run('todo-1', { type: 'AddTasks', titles: ['a'] }, { idempotencyKey: 'key-1' }),
      ]);
      expect(a.position).toBe(b.position);
      expect(a.version).toBe(1);
      expect(b.version).toBe(1);
      expect(await fx.allEvents()).toHaveLength(1);
    });
  });

  describe('nothing half-recorded', () => {
    it('records nothing when authorize throws, and authorize sees the loaded state', async () => {
      await run('todo-1', { type: 'AddTasks', titles: ['a'] });
      const seen: Array<[unknown, number]> = [];
      const refused = handleCommand(fx, {
        decider: todoList,
        streamId: 'todo-1',
        command: { type: 'AddTasks', titles: ['b'] },
        context: { actor: alice, correlationId: 'c' },
        authorize: (state, version) => {
          seen.push([state, version]);
          throw new Forbidden('not yours');
        },
      });
      await expect(refused).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(seen).toEqual([[expect.objectContaining({ open: ['a'] }), 1]]);
      expect(await fx.allEvents()).toHaveLength(1);
    });

    it('records nothing when the decider throws', async () => {
      await run('todo-1', { type: 'AddTasks', titles: ['a'] });
      const error = await run('todo-1', { type: 'AddTasks', titles: ['b', 'a'] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcordError);
      expect(error).toMatchObject({ code: 'DOMAIN_RULE_VIOLATED', details: { rule: 'task-title-unique' } });
      expect(await fx.allEvents()).toHaveLength(1);
    });

    it('records nothing of a command whose event cannot be hashed', async () => {
      await expect(run('todo-1', { type: 'AddTasks', titles: ['a', 'b'], dueOn: Number.NaN })).rejects.toThrow();
      expect(await fx.allEvents()).toHaveLength(0);
    });
  });
});

describe('uuidV5', () => {
  it('matches the RFC test vector (DNS namespace, www.example.com)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is deterministic per name and namespace', () => {
    expect(uuidV5('a')).toBe(uuidV5('a'));
    expect(uuidV5('a')).not.toBe(uuidV5('b'));
    expect(uuidV5('a', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).not.toBe(uuidV5('a'));
  });
});

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    const one = { b: 1, a: { d: [1, { z: true, y: null }], c: 'x' } };
    const two = { a: { c: 'x', d: [1, { y: null, z: true }] }, b: 1 };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(one)).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
  });

  it('keeps array order and tells different values apart', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
  });

  it('writes what JSON storage would read back (undefined fields dropped, Dates as ISO strings)', () => {
    const value = { a: undefined, b: [undefined], at: new Date('2025-03-01T00:00:00.000Z') };
    expect(canonicalJson(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
  });

  it('refuses numbers JSON cannot hold', () => {
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => canonicalJson({ a: { b: [Number.NaN] } })).toThrow(TypeError);
  });

  it('sorts integer-like keys as text, though engines keep them first in numeric order', () => {
    expect(canonicalJson(JSON.parse('{"10":1,"9":2,"a":{"2":0,"10":0}}'))).toBe('{"10":1,"9":2,"a":{"10":0,"2":0}}');
  });

  it('sorts by UTF-16 code units, and reads back to the same text', () => {
    const value = { é: 1, z: 2, '\u{1F600}': 3, Z: { b: 'ü\n"', a: [true, null, 1.5e-7] } };
    const text = canonicalJson(value);
    expect(text).toBe('{"Z":{"a":[true,null,1.5e-7],"b":"ü\\n\\""},"z":2,"é":1,"\u{1F600}":3}');
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });
});
