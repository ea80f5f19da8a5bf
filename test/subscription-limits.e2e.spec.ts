import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { ConcordServer, TEST_EVENT_STORE } from './support/concord-server.js';
import { RawGraphQLWs } from './support/raw-graphql-ws.js';
import { until } from './support/procurers.js';

/** Subscriptions are bounded per connection, per caller, and in what waits for each subscriber. */
describe('subscription limits', () => {
  let server: ConcordServer;
  let auditor: string;

  beforeAll(async () => {
    server = await ConcordServer.start({
      env: { CONCORD_MAX_SUBSCRIPTIONS_PER_CALLER: '3', CONCORD_MAX_QUEUED_PER_SUBSCRIBER: '3' },
    });
    auditor = await server.token('auditor', ['AUDITOR']);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('limits subscriptions per caller across connections, and frees a place when one ends', async () => {
    const first = await RawGraphQLWs.connect(server.url, auditor);
    const second = await RawGraphQLWs.connect(server.url, auditor);
    try {
      first.subscribe('a', `subscription { buyerGroupUpdated { id } }`);
      first.subscribe('b', `subscription { buyerGroupUpdated { id } }`);
      second.subscribe('c', `subscription { buyerGroupUpdated { id } }`);
      second.subscribe('d', `subscription { buyerGroupUpdated { id } }`);
      const refused = await second.result('d');
      expect(refused.errors[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
      expect(refused.errors[0].message).toContain('per caller');
      // Another caller is not affected.
      const other = await RawGraphQLWs.connect(server.url, await server.token('other-auditor', ['AUDITOR']));
      other.subscribe('x', `subscription { buyerGroupUpdated { id } }`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(other.messages.filter((m) => m['type'] === 'error')).toEqual([]);
      other.close();
      first.send({ id: 'a', type: 'complete' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      second.subscribe('e', `subscription { buyerGroupUpdated { id } }`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(second.messages.filter((m) => m['id'] === 'e')).toEqual([]);
    } finally {
      first.close();
      second.close();
    }
  });

  // One append is one commit is one batch of the feed on SQLite; EventStoreDB delivers the events
  // of an append as they come, so there the queue fills only behind a client that stops reading.
  const oneBatchPerAppend = TEST_EVENT_STORE === 'sqlite' ? it : it.skip;

  it('disconnects a subscriber that stops reading, with code 4008, once more changes wait than its queue holds', async () => {
    const ws = await RawGraphQLWs.connect(server.url, auditor);
    ws.subscribe('all', `subscription { eventRecorded { type data } }`);
    const probe = `probe-${randomUUID()}`;
    // Live once the first change arrives; then the client stops reading.
    await until(async () => {
      await server.runtime.store.append(probe, [{ id: randomUUID(), type: 'ProbeRecorded', data: {} }]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return ws.messages.some((m) => m['id'] === 'all');
    }, 'the subscription was live');
    ws.stopReading();
    // About 12 MB of changes: once the kernel's socket buffers are full, the server sends no more
    // (it waits for each send to be taken), and the changes wait in the subscriber's queue.
    const text = 'x'.repeat(200_000);
    for (let i = 0; i < 30; i += 1) {
      // Two at a time: fewer than the queue holds, so only a client that does not read fills it.
      const events = Array.from({ length: 2 }, () => ({ id: randomUUID(), type: 'ProbeRecorded', data: { text } }));
      await server.runtime.runner.waitFor((await server.runtime.store.append(probe, events)).position);
    }
    ws.resumeReading();
    const closed = await ws.waitForClose(20_000);
    expect(closed.code).toBe(4008);
    expect(closed.reason).toContain('Slow consumer');
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
  });

  oneBatchPerAppend('disconnects a subscriber with more changes waiting than its queue holds, with code 4008', async () => {
    const ws = await RawGraphQLWs.connect(server.url, auditor);
    ws.subscribe('all', `subscription { eventRecorded { type } }`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Five events committed at once reach the feed in one batch: more than the 3 the queue holds.
    const events = Array.from({ length: 5 }, () => ({ id: randomUUID(), type: 'ProbeRecorded', data: {} }));
    const appended = await server.runtime.store.append(`probe-${randomUUID()}`, events);
    await server.runtime.runner.waitFor(appended.position);
    const closed = await ws.waitForClose();
    expect(closed.code).toBe(4008);
    expect(closed.reason).toContain('Slow consumer');
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
  });
});

