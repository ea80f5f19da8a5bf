/**
 * Fast at any size: the real server against the simplest thing doing the same work, measured in
 * one run, as ratios. The data set is built through the real command path (not HTTP); the API,
 * a bare `node:http` server serving the same bytes, and the load generator (autocannon) each run
 * in a process of their own.
 *
 *   npm run bench   (builds, then runs every bench)
 *   BENCH_SCALE_SMALL=1000 BENCH_SCALE_LARGE=100000 BENCH_SCALE_SECONDS=10 node dist/bench/scale.bench.js
 *
 * Prints a markdown table and writes it to BENCHMARKS.md under "## Fast at any size".
 */
import 'reflect-metadata';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EVENT_STORE_SCHEMA } from '../libs/event-store/src/sqlite/schema.js';
import { EventLog, rebuildReadModels, storeChainSource, verifyChains } from '#audit';
import { CONTEXTS, ConcordRuntime, loadConfig, signToken } from '#runtime';
import { BENCH_MEMBER, BENCH_ORGANISATION, growDataSet, needInput } from './scale/data-set.js';
import { load, startBareServer, startServer } from './scale/processes.js';
import type { LoadResult } from './scale/load.js';
import { findRepoRoot, writeSection } from './store.bench.js';

export const SECTION_HEADING = '## Fast at any size';

export const NEEDS_QUERY =
  '{ needs(first: 50) { totalCount edges { node { id title status quantity cpv { code } estimatedBudget { amount currency } organisation { id name country } } } } }';
export const TYPENAME_QUERY = '{ __typename }';
export const DECLARE_NEED =
  'mutation($input: DeclareNeedInput!) { declareNeed(input: $input) { version position need { id status } } }';

export interface ScaleBenchOptions {
  small?: number;
  large?: number;
  /** Seconds of load per measured row. */
  seconds?: number;
  writeFile?: boolean;
}

export interface ScaleRow {
  what: string;
  rate: string;
  p50: string;
  p99: string;
  ratio: string;
  target: string;
}

/** Settings of the API under test: durable appends, limits out of the load generator's way. */
const SERVER_ENV = {
  NODE_ENV: 'production',
  CONCORD_SQLITE_SYNCHRONOUS: 'FULL',
  CONCORD_RATE_LIMIT_REQUESTS: '1000000000',
  CONCORD_RATE_LIMIT_MUTATIONS: '1000000000',
};

export async function main(options: ScaleBenchOptions = {}): Promise<ScaleRow[]> {
  const small = options.small ?? envInt('BENCH_SCALE_SMALL', 1_000);
  const large = options.large ?? envInt('BENCH_SCALE_LARGE', 100_000);
  const seconds = options.seconds ?? envInt('BENCH_SCALE_SECONDS', 10);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-scale-bench-'));
  const rows: ScaleRow[] = [];
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  const ms = (n: number) => n.toFixed(1);
  const times = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  try {
    const config = loadConfig({ CONCORD_DATA_DIR: dataDir });
    let seeded = performance.now();
    let held = await growDataSet(dataDir, small);
    log(`data set: ${held} needs through the command path in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    const token = await signToken(config, { subject: BENCH_MEMBER, roles: [], ttl: '2h' });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const spec = (url: string, body: string, connections: number) => ({ url, body, headers, connections, seconds });
    const query = (q: string) => JSON.stringify({ query: q });

    /** The query on the server and the same bytes on the bare server, with the same load. */
    const againstBare = async (url: string, body: string): Promise<{ server: LoadResult; bare: LoadResult; bytes: number }> => {
      const answer = await fetch(url, { method: 'POST', headers, body });
      const text = await answer.text();
      if (answer.status !== 200 || (JSON.parse(text) as { errors?: unknown }).errors) throw new Error(`${body} answered ${answer.status}: ${text.slice(0, 500)}`);
      const answerFile = path.join(dataDir, 'bare-answer.json');
      fs.writeFileSync(answerFile, text);
      const bare = await startBareServer(answerFile);
      try {
        const bareResult = await load(spec(bare.url, body, 16));
        const serverResult = await load(spec(url, body, 16));
        return { server: serverResult, bare: bareResult, bytes: Buffer.byteLength(text) };
      } finally {
        await bare.child.stop();
      }
    };

    // Reads and writes on the small data set.
    let server = await startServer(dataDir, SERVER_ENV);
    let smallNeeds: LoadResult;
    try {
      const needs = await againstBare(server.url, query(NEEDS_QUERY));
      smallNeeds = needs.server;
      rows.push(readRow(`needs(first: 50), ${fmt(held)} needs (${(needs.bytes / 1024).toFixed(1)} KB answer)`, needs.server, needs.bare, '≥ 0.15× (goal 0.3×)'));
      rows.push(bareRow(needs.bare));
      const typename = await againstBare(server.url, query(TYPENAME_QUERY));
      rows.push(readRow('`{ __typename }`', typename.server, typename.bare, '≥ 0.3×'));
      rows.push(bareRow(typename.bare));

      // The disk's fsync rate drifts on a shared machine: the baseline is measured on both sides of the row.
      const rawBefore = rawFullTransactions(path.join(dataDir, 'raw-full-before.db'), seconds);
      const declare = await load(spec(server.url, JSON.stringify({ query: DECLARE_NEED, variables: { input: needInput(BENCH_ORGANISATION, 0) } }), 16));
      const rawAfter = rawFullTransactions(path.join(dataDir, 'raw-full-after.db'), seconds);
      const raw = (rawBefore + rawAfter) / 2;
      rows.push({
        what: 'declareNeed, 16 concurrent clients (acknowledged once on disk and projected)',
        rate: fmt(declare.requestsPerSecond),
        p50: ms(declare.p50),
        p99: ms(declare.p99),
        ratio: times(declare.requestsPerSecond, raw),
        target: '≥ 0.3×, p99 < 25 ms',
      });
      rows.push({
        what: `raw better-sqlite3: single-row transactions at synchronous=FULL, one after another (mean of ${fmt(rawBefore)} before and ${fmt(rawAfter)} after the row above)`,
        rate: fmt(raw),
        p50: '',
        p99: '',
        ratio: 'baseline',
        target: '',
      });
    } finally {
      await server.child.stop();
    }

    // Reads on the large data set.
    seeded = performance.now();
    held = await growDataSet(dataDir, large);
    log(`data set: ${held} needs through the command path in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    server = await startServer(dataDir, SERVER_ENV);
    let rss: number;
    try {
      const needs = await againstBare(server.url, query(NEEDS_QUERY));
      const row = readRow(`needs(first: 50), ${fmt(held)} needs`, needs.server, needs.bare, '≥ 0.15× (goal 0.3×); p50 ≤ 1.5× the small set’s');
      row.ratio += `; p50 ${times(needs.server.p50, smallNeeds.p50)} the small set’s`;
      rows.push(row);
      rows.push(bareRow(needs.bare));
      rss = server.child.rss();
    } finally {
      await server.child.stop();
    }
    rows.push({ what: `API server resident memory holding ${fmt(held)} needs, after the load`, rate: `${fmt(rss / 1024 / 1024)} MB`, p50: '', p99: '', ratio: '', target: '< 300 MB' });

    // Rebuild and verification against reading the log, in this process, one after another.
    const runtime = ConcordRuntime.open(config);
    try {
      const raw = await rawReadAll(runtime);
      let started = performance.now();
      const rebuilt = await rebuildReadModels({ store: runtime.store, codec: runtime.codec, projections: CONTEXTS.flatMap((c) => c.projections), readModels: runtime.readModels });
      const rebuildRate = rebuilt.events / ((performance.now() - started) / 1000);
      started = performance.now();
      const report = await verifyChains(storeChainSource(new EventLog(runtime.store)), { start: 'genesis' });
      const verifyRate = report.eventsChecked / ((performance.now() - started) / 1000);
      if (report.eventsChecked !== raw.events) throw new Error(`verification read ${report.eventsChecked} events of ${raw.events}`);
      rows.push({ what: `projections rebuild, ${fmt(rebuilt.events)} events`, rate: `${fmt(rebuildRate)} events/s`, p50: '', p99: '', ratio: times(rebuildRate, raw.rate), target: '≥ 0.4×' });
      rows.push({ what: `audit verify (every hash chain and envelope), ${fmt(report.eventsChecked)} events`, rate: `${fmt(verifyRate)} events/s`, p50: '', p99: '', ratio: times(verifyRate, raw.rate), target: '≥ 0.4×' });
      rows.push({ what: 'raw read-all: the store’s readAll, pages of 1,000', rate: `${fmt(raw.rate)} events/s`, p50: '', p99: '', ratio: 'baseline', target: '' });
    } finally {
      await runtime.close();
    }

    const table = renderTable(rows);
    console.log(table);
    if (options.writeFile ?? process.env['BENCH_SCALE_WRITE'] !== '0') {
      const section = [
        SECTION_HEADING,
        '',
        `Measured ${new Date().toISOString().slice(0, 10)} with Node ${process.version} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} logical CPUs, ` +
          'shared with other engineers’ test runs while measured, so compare ratios within the run, not absolute rates). ' +
          `\`npm run bench\`: the data set is built through the command path (not HTTP); the API (NODE_ENV=production, embedded SQLite at synchronous=FULL), ` +
          `a bare \`node:http\` server answering every request with the same bytes, and autocannon (16 connections, ${seconds} s per row) each run in a process of their own. ` +
          'Ratios: reads against the bare server, declareNeed against raw single-row FULL transactions, rebuild and verification against raw read-all, all measured in this run.',
        '',
        table,
        '',
      ].join('\n');
      writeSection(path.join(findRepoRoot(), 'BENCHMARKS.md'), SECTION_HEADING, section);
    }
    return rows;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function readRow(what: string, server: LoadResult, bare: LoadResult, target: string): ScaleRow {
  return {
    what,
    rate: Math.round(server.requestsPerSecond).toLocaleString('en'),
    p50: server.p50.toFixed(1),
    p99: server.p99.toFixed(1),
    ratio: `${(server.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}×`,
    target,
  };
}

function bareRow(bare: LoadResult): ScaleRow {
  return { what: '… bare `node:http` serving the same bytes', rate: Math.round(bare.requestsPerSecond).toLocaleString('en'), p50: bare.p50.toFixed(1), p99: bare.p99.toFixed(1), ratio: 'baseline', target: '' };
}

/** Single-row transactions, one after another, on the events table at FULL: rows per second. */
function rawFullTransactions(file: string, seconds: number): number {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(EVENT_STORE_SCHEMA);
    const insert = db.prepare('INSERT INTO events (event_id, stream_id, stream_revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const write = db.transaction((n: number) => insert.run(`raw-${n}`, `need-raw-${n}`, 0, 'NeedDeclared', JSON.stringify(needInput('raw', n)), '{"correlationId":"raw"}', new Date().toISOString()));
    const until = performance.now() + Math.min(seconds, 5) * 1000;
    const started = performance.now();
    let n = 0;
    while (performance.now() < until) write((n += 1));
    return n / ((performance.now() - started) / 1000);
  } finally {
    db.close();
  }
}

/** The whole log through the store's readAll, pages of 1,000, best of three. */
async function rawReadAll(runtime: ConcordRuntime): Promise<{ events: number; rate: number }> {
  let best = 0;
  let events = 0;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    events = 0;
    let from: string | undefined;
    for (;;) {
      const page = await runtime.store.readAll({ fromPosition: from, maxCount: 1000 });
      if (page.length === 0) break;
      events += page.length;
      from = page[page.length - 1]!.position;
    }
    best = Math.max(best, events / ((performance.now() - started) / 1000));
  }
  return { events, rate: best };
}

function renderTable(rows: ScaleRow[]): string {
  return [
    '| what | rate (req/s unless said) | p50 ms | p99 ms | ratio | target |',
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...rows.map((r) => `| ${r.what} | ${r.rate} | ${r.p50} | ${r.p99} | ${r.ratio} | ${r.target} |`),
  ].join('\n');
}

function log(line: string): void {
  console.error(line);
}

function envInt(name: string, fallback: number): number {
  const value = process.env[name];
  return value ? Number(value) : fallback;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
