import { afterEach, describe, expect, it } from '@jest/globals';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../libs/runtime/src/config.js';
import { loadSigningKey, logIdOf } from '#audit';
import { ConcordServer } from './support/concord-server.js';

/**
 * When checkpoints are issued (by time while events are recorded, by count, never for an idle
 * log) and where their signing key comes from (generated once into the data dir, 0600; a file;
 * the environment).
 */

const REGISTER = `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { version } }`;
const CHECKPOINT = `{ auditCheckpoint { logId treeSize publicKey } }`;

let servers: ConcordServer[] = [];
let dirs: string[] = [];

afterEach(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  servers = [];
  dirs = [];
});

async function start(env: Record<string, string>): Promise<ConcordServer> {
  const server = await ConcordServer.start({ env });
  servers.push(server);
  return server;
}

async function register(server: ConcordServer, count: number, from = 0): Promise<void> {
  const admin = await server.adminToken();
  for (let i = from; i < from + count; i += 1) {
    await server.ok(REGISTER, { input: { name: `Agency ${i}`, country: 'FR', kind: 'LAW_ENFORCEMENT' } }, admin);
  }
}

async function checkpointStreams(server: ConcordServer): Promise<number[]> {
  const events = await server.runtime.store.readAll();
  return events.filter((event) => event.streamId.startsWith('audit-checkpoint-')).map((event) => (event.data as { treeSize: number }).treeSize);
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('checkpoint schedule', () => {
  it('issues one periodically while events are recorded, and none while the log is idle', async () => {
    const server = await start({ CONCORD_AUDIT_CHECKPOINT_INTERVAL: '300ms', CONCORD_AUDIT_CHECKPOINT_EVERY: '0' });
    /** The last event is a checkpoint of everything before it. */
    const settled = async () => {
      const events = await server.runtime.store.readAll();
      const last = events.at(-1)!;
      return last.streamId.startsWith('audit-checkpoint-') && (last.data as { treeSize: number }).treeSize === events.length - 1;
    };
    await register(server, 3);
    await until(settled, 'a periodic checkpoint covered the events recorded');
    const idle = await checkpointStreams(server);
    // Idle: the last checkpoint is the only news, and is not checkpointed again.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await checkpointStreams(server)).toEqual(idle);
    await register(server, 2, 3);
    await until(settled, 'the next periodic checkpoint covered the new events');
    const sizes = await checkpointStreams(server);
    expect(sizes.length).toBeGreaterThan(idle.length);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
  });

  it('issues one as soon as the set number of events was recorded since the last', async () => {
    const server = await start({ CONCORD_AUDIT_CHECKPOINT_INTERVAL: '0', CONCORD_AUDIT_CHECKPOINT_EVERY: '4' });
    await register(server, 9);
    await until(async () => (await checkpointStreams(server)).length >= 2, 'two checkpoints by count were recorded');
    const sizes = await checkpointStreams(server);
    expect(sizes[0]).toBeGreaterThanOrEqual(4);
    expect(sizes[1]! - sizes[0]!).toBeGreaterThanOrEqual(4);
  });

  it('refuses settings that are not durations or counts', () => {
    expect(() => loadConfig({ CONCORD_AUDIT_CHECKPOINT_INTERVAL: 'hourly' })).toThrow(/CONCORD_AUDIT_CHECKPOINT_INTERVAL must be a duration/);
    expect(() => loadConfig({ CONCORD_AUDIT_CHECKPOINT_INTERVAL: '15' })).toThrow(/duration/);
    expect(() => loadConfig({ CONCORD_AUDIT_CHECKPOINT_EVERY: 'many' })).toThrow(/CONCORD_AUDIT_CHECKPOINT_EVERY/);
    expect(loadConfig({}).audit.schedule).toEqual({ intervalMs: 15 * 60_000, everyEvents: 10_000 });
  });
});

describe('checkpoint signing key', () => {
  it('is generated once into the data dir with mode 0600, and kept', async () => {
    const server = await start({ CONCORD_AUDIT_CHECKPOINT_INTERVAL: '0' });
    const file = join(server.dataDir, 'audit-signing-key.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const auditor = await server.token('auditor', ['AUDITOR']);
    const first = (await server.ok<any>(CHECKPOINT, {}, auditor)).auditCheckpoint;
    expect(first.logId).toBe(logIdOf(createPublicKey(createPrivateKey(readFileSync(file, 'utf8')))));
  });

  it('comes from CONCORD_AUDIT_SIGNING_KEY_FILE or CONCORD_AUDIT_SIGNING_KEY when given, never from the data dir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-key-'));
    dirs.push(dir);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = String(privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(dir, 'signing.pem'), pem, { mode: 0o600 });
    const fromFile = await start({ CONCORD_AUDIT_SIGNING_KEY_FILE: join(dir, 'signing.pem'), CONCORD_AUDIT_CHECKPOINT_INTERVAL: '0' });
    const fromEnv = await start({ CONCORD_AUDIT_SIGNING_KEY: pem.replace(/\n/g, '\\n'), CONCORD_AUDIT_CHECKPOINT_INTERVAL: '0' });
    for (const server of [fromFile, fromEnv]) {
      const { auditCheckpoint } = await server.ok<any>(CHECKPOINT, {}, await server.token('auditor', ['AUDITOR']));
      expect(auditCheckpoint.logId).toBe(logIdOf(publicKey));
      expect(() => statSync(join(server.dataDir, 'audit-signing-key.pem'))).toThrow(/ENOENT/);
    }
    const notEd25519 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    expect(() => loadSigningKey({ dataDir: dir, pem: String(notEd25519) })).toThrow(/is ec, not Ed25519/);
    expect(() => loadSigningKey({ dataDir: dir, pem: 'not a key' })).toThrow(/CONCORD_AUDIT_SIGNING_KEY\) is not a PEM private key/);
    expect(() => loadSigningKey({ dataDir: dir, file: join(dir, 'missing.pem') })).toThrow(/ENOENT/);
  });
});
