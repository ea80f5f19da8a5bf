import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbProcess } from '../libs/event-store/testing/eventstoredb-process.js';
import { ConcordServer, TEST_EVENT_STORE } from './support/concord-server.js';

/** What only a real EventStoreDB can show: where keys are not, and a log that was swapped. */

const REGISTER = `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { version } }`;
const JOIN = `mutation($input: JoinCommunityInput!) { joinCommunity(input: $input) { version } }`;
const ERASE = `mutation($id: ID!) { eraseMemberPersonalData(memberId: $id) { version } }`;
const postgresUrl = process.env['CONCORD_TEST_POSTGRES_URL'];
const onEventStoreDb = TEST_EVENT_STORE === 'eventstoredb' && EventStoreDbProcess.binary() ? describe : describe.skip;

onEventStoreDb('Concord on a real EventStoreDB', () => {
  let eventStoreDb: EventStoreDbProcess;
  beforeAll(async () => {
    eventStoreDb = await EventStoreDbProcess.start();
  }, 90_000);
  afterAll(async () => {
    await eventStoreDb.stop();
  });

  function envFor(server: EventStoreDbProcess, keys: 'sqlite' | 'postgres' = 'sqlite'): Record<string, string> {
    return {
      CONCORD_EVENT_STORE: 'eventstoredb',
      EVENTSTOREDB_CONNECTION_STRING: server.connectionString,
      ...(keys === 'postgres' ? { CONCORD_KEY_STORE: 'postgres', CONCORD_POSTGRES_URL: postgresUrl! } : {}),
    };
  }

  it.each(postgresUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const))(
    'keeps personal-data keys out of the log: after erasure no byte of the key is anywhere in $all (%s key store)',
    async (keys) => {
      const server = await ConcordServer.start({ env: envFor(eventStoreDb, keys) });
      try {
        const admin = await server.adminToken();
        const suffix = Math.random().toString(36).slice(2);
        await server.ok(REGISTER, { input: { id: `ee-police-${suffix}`, name: 'Politsei', country: 'EE', kind: 'LAW_ENFORCEMENT' } }, admin);
        const memberId = `ee-kadri-${suffix}`;
        await server.ok(
          JOIN,
          { input: { id: memberId, displayName: 'Kadri Tamm', email: 'kadri.tamm@politsei.ee', country: 'EE', organisationId: `ee-police-${suffix}` } },
          admin,
        );
        const key = await server.runtime.keys.find(memberId);
        expect(key).toBeDefined();
        await server.ok(ERASE, { id: memberId }, admin);
        expect(await server.runtime.keys.find(memberId)).toBeUndefined();

        // Everything the server holds, system streams and tombstoned ones included, as raw bytes.
        const raw = EventStoreDBClient.connectionString(eventStoreDb.connectionString);
        try {
          const encodings = [key!.toString('base64'), key!.toString('hex'), key!.toString('base64url')];
          let scanned = 0;
          for await (const resolved of raw.readAll({ fromPosition: START, direction: FORWARDS, resolveLinkTos: false })) {
            const event = resolved.event;
            if (!event) continue;
            scanned += 1;
            const bytes = Buffer.concat([
              Buffer.from(typeof event.data === 'object' && !(event.data instanceof Uint8Array) ? JSON.stringify(event.data) : String(event.data)),
              Buffer.from(JSON.stringify(event.metadata ?? {})),
            ]);
            expect(bytes.includes(key!)).toBe(false);
            for (const text of encodings) expect(bytes.toString('utf8').includes(text)).toBe(false);
            expect(event.streamId.startsWith('personal-data-key-')).toBe(false);
          }
          expect(scanned).toBeGreaterThan(3);
        } finally {
          await raw.dispose();
        }
      } finally {
        await server.stop();
      }
    },
    60_000,
  );

  it('refuses to follow a log that is not the one its read models were built from, and says why in readiness', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'concord-drift-'));
    const other = await EventStoreDbProcess.start();
    try {
      const first = await ConcordServer.start({ dataDir, env: envFor(eventStoreDb) });
      const admin = await first.adminToken();
      for (const country of ['LT', 'LV', 'PL']) {
        await first.ok(REGISTER, { input: { name: `Police ${country}`, country, kind: 'LAW_ENFORCEMENT' } }, admin);
      }
      await first.stop({ keepData: true });

      // The same read models and checkpoint, now pointed at a store that was reset (a fresh server).
      const drifted = await ConcordServer.start({ dataDir, env: envFor(other) });
      try {
        let body: any;
        const deadline = Date.now() + 10_000;
        for (;;) {
          const response = await fetch(`${drifted.url}/health/ready`);
          body = await response.json();
          if (body.projections?.error || Date.now() > deadline) {
            expect(response.status).toBe(503);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(body.status).toBe('not ready');
        expect(body.projections.error).toMatch(/SubscriptionFailedError: .*beyond the last event of the store/);
      } finally {
        await drifted.stop();
      }
    } finally {
      await other.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
