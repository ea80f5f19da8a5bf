import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signToken } from '#runtime';
import { EventStoreDbProcess, freePort } from '../libs/event-store/testing/eventstoredb-process.js';
import { TEST_EVENT_STORE, subscribe, type GraphQLResponse } from './support/concord-server.js';

/**
 * Two API processes on one EventStoreDB, each with its own read models, sharing personal-data
 * keys in PostgreSQL: how Concord runs on more than one machine.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const postgresUrl = process.env['CONCORD_TEST_POSTGRES_URL'];
const runs = TEST_EVENT_STORE === 'eventstoredb' && postgresUrl && EventStoreDbProcess.binary();

const REGISTER = `mutation($input: RegisterOrganisationInput!) {
  registerOrganisation(input: $input) { version position organisation { id name country } } }`;
const ORGANISATION = `query($id: ID!) { organisation(id: $id) { id name } }`;
const FOLLOW = `subscription { eventRecorded(filter: { streamPrefix: "organisation-" }) { streamId type } }`;

class ApiProcess {
  private child?: ChildProcess;
  readonly url: string;
  private constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(env: Record<string, string>): Promise<ApiProcess> {
    const api = new ApiProcess(await freePort(), env);
    await api.restart();
    return api;
  }

  async restart(): Promise<void> {
    this.child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js')], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', ...this.env, PORT: String(this.port) },
      stdio: 'ignore',
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.url}/health/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`API on port ${this.port} did not become ready`);
  }

  kill9(): Promise<void> {
    const child = this.child!;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    return exited;
  }

  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) await this.kill9();
  }

  async graphql<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }

  ws(token: string): Client {
    return createClient({
      url: `${this.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
    });
  }
}

(runs ? describe : describe.skip)('two API instances on one EventStoreDB', () => {
  let eventStoreDb: EventStoreDbProcess;
  let a: ApiProcess;
  let b: ApiProcess;
  let admin: string;
  const dirs: string[] = [];

  beforeAll(async () => {
    await build();
    eventStoreDb = await EventStoreDbProcess.start();
    const secret = randomBytes(32).toString('base64url');
    const shared = {
      CONCORD_EVENT_STORE: 'eventstoredb',
      EVENTSTOREDB_CONNECTION_STRING: eventStoreDb.connectionString,
      CONCORD_KEY_STORE: 'postgres',
      CONCORD_POSTGRES_URL: postgresUrl!,
      CONCORD_JWT_SECRET: secret,
    };
    const dataDir = () => {
      const dir = mkdtempSync(join(tmpdir(), 'concord-instance-'));
      dirs.push(dir);
      return dir;
    };
    [a, b] = await Promise.all([
      ApiProcess.start({ ...shared, CONCORD_DATA_DIR: dataDir() }),
      ApiProcess.start({ ...shared, CONCORD_DATA_DIR: dataDir() }),
    ]);
    admin = await signToken({ jwtSecret: secret, dataDir: dirs[0]! }, { subject: 'admin', roles: ['ADMIN'], ttl: '1h' });
  }, 240_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await eventStoreDb?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("answers A's mutation from A at once, from B once B has projected it, and pushes it to B's subscribers", async () => {
    const client = b.ws(admin);
    const feed = subscribe<{ eventRecorded: { streamId: string; type: string } }>(client, FOLLOW);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const id = `two-instances-${randomUUID()}`;
      const registered = await a.graphql(REGISTER, { input: { id, name: 'Polícia Judiciária', country: 'PT', kind: 'LAW_ENFORCEMENT' } }, admin);
      expect(registered.errors).toBeUndefined();
      // Read-your-writes on A: the payload comes from A's read model, already up to date.
      expect(registered.data.registerOrganisation.organisation).toEqual({ id, name: 'Polícia Judiciária', country: 'PT' });
      expect((await a.graphql(ORGANISATION, { id }, admin)).data.organisation).toEqual({ id, name: 'Polícia Judiciária' });

      const onB = await eventually(async () => (await b.graphql(ORGANISATION, { id }, admin)).data?.organisation);
      expect(onB).toEqual({ id, name: 'Polícia Judiciária' });
      const pushed = await feed.waitFor(1);
      expect(pushed.map((message) => message.eventRecorded)).toContainEqual({ streamId: `organisation-${id}`, type: 'OrganisationRegistered' });
    } finally {
      feed.dispose();
      await client.dispose();
    }
  }, 60_000);

  it('loses nothing an instance acknowledged when the other is killed with -9 mid-stream', async () => {
    const acknowledged: string[] = [];
    let running = true;
    const writers = [a, b].flatMap((api) =>
      Array.from({ length: 3 }, async () => {
        while (running) {
          const id = `kill-${randomUUID()}`;
          try {
            const result = await api.graphql(REGISTER, { input: { id, name: 'Guarda Nacional', country: 'PT', kind: 'LAW_ENFORCEMENT' } }, admin);
            if (!result.errors) acknowledged.push(id);
          } catch {
            // A's connection dies with it: that request was never acknowledged.
            if (api === a) return;
            throw new Error('instance B failed while A was killed');
          }
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await a.kill9();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    running = false;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(10);

    // Every acknowledged organisation is in the log, and B's read models show each of them.
    for (const id of acknowledged) {
      const found = await eventually(async () => (await b.graphql(ORGANISATION, { id }, admin)).data?.organisation);
      expect(found).toMatchObject({ id });
    }
    // A comes back, catches up from its checkpoint, and agrees.
    await a.restart();
    for (const id of acknowledged) {
      expect((await a.graphql(ORGANISATION, { id }, admin)).data.organisation).toMatchObject({ id });
    }
  }, 120_000);
});

async function eventually<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The instances run the compiled API, as `npm start` does. */
function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build'], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build exited ${code}`))));
  });
}
