/**
 * The event store port and the GraphQL API on a real EventStoreDB: the server at
 * EVENTSTOREDB_CONNECTION_STRING, or an in-memory one started from an installed server
 * (EVENTSTOREDB_BIN, EVENTSTOREDB_HOME, /opt/eventstoredb). Without either, skipped.
 *
 * The baseline of the store rows is the gRPC client itself doing the same work in the same run,
 * so "vs raw" is what the port's guarantees (idempotency checks, deadlines, filtering) cost.
 * Writes "## Event store (EventStoreDB)" and "## GraphQL API (HTTP, EventStoreDB)".
 */
import 'reflect-metadata';
import { EventStoreDBClient, FORWARDS, START, jsonEvent } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EventStoreDbEventStore } from '#event-store';
import { EventStoreDbProcess } from '../libs/event-store/testing/eventstoredb-process.js';
import { main as apiBench } from './api.bench.js';
import { findRepoRoot, writeSection } from './store.bench.js';

const STORE_HEADING = '## Event store (EventStoreDB)';
const API_HEADING = '## GraphQL API (HTTP, EventStoreDB)';

interface Row {
  scenario: string;
  eventsPerSec: number;
  rawEventsPerSec?: number;
}

export async function main(): Promise<void> {
  let owned: EventStoreDbProcess | undefined;
  let connectionString = process.env['EVENTSTOREDB_CONNECTION_STRING'];
  if (!connectionString) {
    if (!EventStoreDbProcess.binary()) {
      console.log('EventStoreDB benchmarks skipped: no server installed and EVENTSTOREDB_CONNECTION_STRING not set');
      return;
    }
    owned = await EventStoreDbProcess.start();
    connectionString = owned.connectionString;
  }
  try {
    const version = await serverVersion(connectionString);
    await storeBench(connectionString, version);
    await apiBench({
      heading: API_HEADING,
      env: { CONCORD_EVENT_STORE: 'eventstoredb', EVENTSTOREDB_CONNECTION_STRING: connectionString },
      storeDescription: `EventStoreDB ${version} (single node, in memory, on loopback)`,
    });
  } finally {
    await owned?.stop();
  }
}

async function storeBench(connectionString: string, version: string): Promise<void> {
  const appends = Number(process.env['STORE_BENCH_APPENDS'] ?? 2000);
  const raw = EventStoreDBClient.connectionString(connectionString);
  const store = new EventStoreDbEventStore({ connectionString });
  const rows: Row[] = [];
  try {
    const tag = randomUUID();
    const payload = (n: number) => ({ title: `Ballistic vests lot ${n}`, quantity: 40, cpv: '35815100-1' });
    // Warm-up: connections, JIT.
    for (let n = 0; n < 100; n += 1) await store.append(`warmup-${tag}-${n}`, [{ id: randomUUID(), type: 'Warmed', data: {} }]);

    for (const clients of [1, 16]) {
      const rawRate = await rate(appends, clients, (n) =>
        raw.appendToStream(`raw-${clients}-${tag}-${n}`, jsonEvent({ id: randomUUID(), type: 'BenchRecorded', data: payload(n) }), {
          expectedRevision: 'no_stream',
        }),
      );
      const portRate = await rate(appends, clients, (n) =>
        store.append(`port-${clients}-${tag}-${n}`, [{ id: randomUUID(), type: 'BenchRecorded', data: payload(n) }], {
          expectedRevision: 'no_stream',
        }),
      );
      rows.push({ scenario: `raw client appendToStream, 1 event, ${clients} concurrent`, eventsPerSec: rawRate });
      rows.push({ scenario: `append 1 event (new stream), ${clients} concurrent`, eventsPerSec: portRate, rawEventsPerSec: rawRate });
    }

    const total = appends * 4 + 100;
    const rawRead = await timed(async () => {
      let count = 0;
      for await (const _ of raw.readAll({ fromPosition: START, direction: FORWARDS, maxCount: BigInt(total * 2) })) count += 1;
      return count;
    });
    const portRead = await timed(async () => {
      let count = 0;
      let after: string | undefined;
      for (;;) {
        const page = await store.readAll({ fromPosition: after, maxCount: 1000 });
        if (page.length === 0) return count;
        count += page.length;
        after = page[page.length - 1]!.position;
      }
    });
    rows.push({ scenario: `raw client readAll from the start (${fmt(rawRead.count)} events)`, eventsPerSec: rawRead.perSecond });
    rows.push({ scenario: `readAll pages of 1,000 (${fmt(portRead.count)} events)`, eventsPerSec: portRead.perSecond, rawEventsPerSec: rawRead.perSecond });
  } finally {
    await store.close();
    await raw.dispose();
  }

  const table = [
    '| scenario | events/s | vs raw |',
    '| --- | ---: | ---: |',
    ...rows.map((row) => `| ${row.scenario} | ${fmt(row.eventsPerSec)} | ${row.rawEventsPerSec ? `${(row.eventsPerSec / row.rawEventsPerSec).toFixed(2)}×` : 'baseline'} |`),
  ].join('\n');
  const section = [
    STORE_HEADING,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with Node ${process.version} on ${os.cpus()[0]?.model ?? 'unknown CPU'} ` +
      `(${os.cpus().length} logical CPUs) against EventStoreDB ${version}, single node, in memory, on loopback. ` +
      '`npm run bench`. Raw rows use the gRPC client directly in the same run; "vs raw" is the port\'s events/s divided by theirs. ' +
      "The port's append reads the stream's tail first (its idempotency promise, which the server keeps only in memory).",
    '',
    table,
    '',
  ].join('\n');
  console.log(table);
  writeSection(path.join(findRepoRoot(), 'BENCHMARKS.md'), STORE_HEADING, section);
}

async function rate(count: number, clients: number, call: (n: number) => Promise<unknown>): Promise<number> {
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (issued < count) await call((issued += 1));
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

async function timed(work: () => Promise<number>): Promise<{ count: number; perSecond: number }> {
  const started = performance.now();
  const count = await work();
  return { count, perSecond: count / ((performance.now() - started) / 1000) };
}

async function serverVersion(connectionString: string): Promise<string> {
  const host = /^esdb:\/\/([^/?]+)/.exec(connectionString)?.[1] ?? '127.0.0.1:2113';
  try {
    const info = (await (await fetch(`http://${host}/info`)).json()) as { esVersion?: string };
    return info.esVersion ?? 'unknown version';
  } catch {
    return 'unknown version';
  }
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
