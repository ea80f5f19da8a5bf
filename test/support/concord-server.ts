import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createApp } from '../../apps/api/src/app.js';
import { signToken, loadConfig, type ConcordConfig, ConcordRuntime } from '#runtime';
import { EventStoreDbProcess } from '../../libs/event-store/testing/eventstoredb-process.js';

/**
 * `CONCORD_TEST_EVENT_STORE=eventstoredb` (.ci/run's second pass) runs every server on a real
 * EventStoreDB: one in-memory server per data dir, so tests never see each other's events, and
 * servers opened on the same data dir (a restart, a second instance) share it.
 */
export const TEST_EVENT_STORE = process.env['CONCORD_TEST_EVENT_STORE'] === 'eventstoredb' ? 'eventstoredb' : 'sqlite';
const eventStoreDbs = new Map<string, { server: Promise<EventStoreDbProcess>; users: number }>();

function eventStoreDbOf(dataDir: string): { server: Promise<EventStoreDbProcess>; users: number } {
  let entry = eventStoreDbs.get(dataDir);
  if (!entry) {
    entry = { server: EventStoreDbProcess.start(), users: 0 };
    eventStoreDbs.set(dataDir, entry);
  }
  return entry;
}

/** Stops the data dir's EventStoreDB once no server uses it any more. */
async function releaseEventStoreDb(dataDir: string): Promise<void> {
  const entry = eventStoreDbs.get(dataDir);
  if (!entry) return;
  entry.users -= 1;
  if (entry.users > 0) return;
  eventStoreDbs.delete(dataDir);
  await (await entry.server).stop();
}

/** The environment a server, or a CLI run beside it, needs for the test's event store. */
export async function eventStoreEnv(dataDir: string): Promise<Record<string, string>> {
  if (TEST_EVENT_STORE !== 'eventstoredb') return {};
  const server = await eventStoreDbOf(dataDir).server;
  return { CONCORD_EVENT_STORE: 'eventstoredb', EVENTSTOREDB_CONNECTION_STRING: server.connectionString };
}

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
}

const UNTHROTTLED = { CONCORD_RATE_LIMIT_REQUESTS: '1000000', CONCORD_RATE_LIMIT_MUTATIONS: '1000000' };

/**
 * The real API on an ephemeral port with its own temporary data dir, and a real HTTP client.
 * Tests drive it exactly as a client of the network's apps would.
 */
export class ConcordServer {
  private constructor(
    readonly app: INestApplication,
    readonly config: ConcordConfig,
    readonly url: string,
    private readonly ownsDataDir: boolean,
  ) {}

  static async start(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<ConcordServer> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'concord-e2e-'));
    const storeEnv = options.env?.['CONCORD_EVENT_STORE'] ? {} : await eventStoreEnv(dataDir);
    if (storeEnv['CONCORD_EVENT_STORE']) eventStoreDbOf(dataDir).users += 1;
    // Suites send hundreds of requests from one address within seconds; the rate-limit tests set their own.
    const config = loadConfig({ CONCORD_DATA_DIR: dataDir, PORT: '0', ...UNTHROTTLED, ...storeEnv, ...options.env });
    const app = await createApp(config, { logger: ['error', 'warn'] });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    return new ConcordServer(app, config, `http://127.0.0.1:${address.port}`, !options.dataDir);
  }

  get dataDir(): string {
    return this.config.dataDir;
  }

  get runtime(): ConcordRuntime {
    return this.app.get(ConcordRuntime);
  }

  async stop(options: { keepData?: boolean } = {}): Promise<void> {
    await this.app.close();
    if (this.config.eventStore === 'eventstoredb') await releaseEventStoreDb(this.dataDir);
    if (this.ownsDataDir && !options.keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }

  token(subject: string, roles: string[] = [], ttl = '1h'): Promise<string> {
    return signToken(this.config, { subject, roles, ttl });
  }

  adminToken(): Promise<string> {
    return this.token('admin', ['ADMIN']);
  }

  /** POSTs one GraphQL operation; `token` may be a raw token or undefined for none. */
  graphql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    return postGraphQL<T>(this.url, query, variables, token, headers);
  }

  /** Like graphql(), but fails the test with the errors when there are any. */
  async ok<T = Record<string, any>>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    return dataOf(await this.graphql<T>(query, variables, token));
  }

  /** A graphql-ws client on /graphql, authenticated through connectionParams. */
  wsClient(token?: string): Client {
    return createClient({
      url: `${this.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: false,
    });
  }
}

/** POSTs one GraphQL operation to the API at `url` (this process's or another's). */
export async function postGraphQL<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** The data of a response, or a thrown error with its GraphQL errors. */
export function dataOf<T>(result: GraphQLResponse<T>): T {
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  return result.data as T;
}

/** The error code of the first error, for `expect(codeOf(result)).toBe('FORBIDDEN')`. */
export function codeOf(result: GraphQLResponse): string | undefined {
  return result.errors?.[0]?.extensions?.['code'];
}

/** Collects what a subscription pushes, for assertions after the fact. */
export function subscribe<T>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const received: T[] = [];
  const errors: unknown[] = [];
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (message) => {
        if (message.errors) errors.push(...message.errors);
        else if (message.data) received.push(message.data as T);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return {
    received,
    errors,
    dispose,
    /** Waits until at least `count` messages have arrived. */
    async waitFor(count: number, timeoutMs = 10_000): Promise<T[]> {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (errors.length) throw new Error(`subscription error: ${JSON.stringify(errors)}`);
        if (Date.now() > deadline) throw new Error(`got ${received.length} of ${count} messages`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
  };
}
