/**
 * The GraphQL API end to end over HTTP on loopback: mutations (which answer only once
 * projected) and a listing query with references, sequentially and with concurrent clients.
 *
 *   npm run bench        (builds, then runs every bench)
 *
 * Prints a markdown table and writes it to BENCHMARKS.md under "## GraphQL API (HTTP)".
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from '../apps/api/src/app.js';
import { signToken, loadConfig } from '#runtime';
import { writeSection } from './store.bench.js';

export const SECTION_HEADING = '## GraphQL API (HTTP)';

const DECLARE = `mutation($input: DeclareNeedInput!) { declareNeed(input: $input) { version position need { id status } } }`;
const LIST = `{ needs(first: 50) { totalCount edges { node { id title cpv { label } organisation { name country } } } } }`;

interface Row {
  scenario: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
}

export interface ApiBenchOptions {
  requests?: number;
  writeFile?: boolean;
  /** Settings of the server under test, e.g. another event store. */
  env?: Record<string, string>;
  heading?: string;
  /** What the server stands on, for the section's first line. */
  storeDescription?: string;
}

export async function main(options: ApiBenchOptions = {}): Promise<string> {
  const requests = options.requests ?? Number(process.env['BENCH_API_REQUESTS'] ?? 400);
  const heading = options.heading ?? SECTION_HEADING;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-api-bench-'));
  const config = loadConfig({ CONCORD_DATA_DIR: dataDir, PORT: '0', ...options.env });
  const app = await createApp(config, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/graphql`;
  try {
    const admin = await signToken(config, { subject: 'admin', roles: ['ADMIN'], ttl: '1h' });
    const post = async (query: string, variables: Record<string, unknown>, token: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    };
    await post(`mutation { registerOrganisation(input: { id: "bench-org", name: "Bench agency", country: "FR", kind: PROCUREMENT_AGENCY }) { version } }`, {}, admin);
    await post(
      `mutation { joinCommunity(input: { id: "bench-member", displayName: "Bench", email: "bench@example.eu", country: "FR", organisationId: "bench-org" }) { version } }`,
      {},
      admin,
    );
    const member = await signToken(config, { subject: 'bench-member', roles: [], ttl: '1h' });
    let n = 0;
    const declare = () =>
      post(
        DECLARE,
        {
          input: {
            organisationId: 'bench-org',
            title: `Metal detectors lot ${(n += 1)}`,
            description: 'Walk-through metal detectors for border crossing points',
            cpvCode: '35124000-9',
            quantity: 12,
            unit: 'piece',
            estimatedBudget: { amount: '48000.00', currency: 'EUR' },
            targetQuarter: '2027-Q3',
            approach: 'STANDARD',
            openToJointProcurement: true,
          },
        },
        member,
      );
    const list = () => post(LIST, {}, member);

    const rows: Row[] = [];
    rows.push(await measure('declareNeed, 1 client (answers once projected)', requests, 1, declare));
    rows.push(await measure('declareNeed, 8 concurrent clients', requests, 8, declare));
    rows.push(await measure('needs(first: 50) with organisations, 1 client', requests, 1, list));
    rows.push(await measure('needs(first: 50) with organisations, 8 concurrent clients', requests, 8, list));

    const table = [
      '| scenario | requests | requests/s | p50 ms | p95 ms |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...rows.map((r) => `| ${r.scenario} | ${r.requests} | ${Math.round(r.perSecond).toLocaleString('en')} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`),
    ].join('\n');
    const section = [
      heading,
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with Node ${process.version} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} logical CPUs): the real server and client on loopback in one process, ${options.storeDescription ?? 'embedded SQLite store at synchronous=FULL'}. \`npm run bench\`.`,
      '',
      table,
      '',
    ].join('\n');
    console.log(table);
    if (options.writeFile !== false) writeSection(path.join(process.cwd(), 'BENCHMARKS.md'), heading, section);
    return table;
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measure(scenario: string, requests: number, clients: number, call: () => Promise<void>): Promise<Row> {
  const latencies: number[] = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (issued < requests) {
        issued += 1;
        const t0 = performance.now();
        await call();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { scenario, requests: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p95: at(0.95) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
