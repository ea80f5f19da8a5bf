import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainHash, envelopeHash, type EventEnvelope } from '#kernel';
import { ROOT, buildCli, concord, node, type Run } from './support/concord-cli.js';
import { ConcordServer, TEST_EVENT_STORE } from './support/concord-server.js';

/** Each test runs the compiled CLI several times; on a loaded machine a run takes seconds. */
jest.setTimeout(180_000);

/**
 * The Merkle log against the tampering an auditor must catch. A seeded store gets a checkpoint
 * from `concord audit checkpoint`; then, in a copy each, the SQLite store file is edited
 * directly, as someone with write access to the disk would, and both `concord audit verify
 * --checkpoint` and the offline verifier (tools/verify-offline.mjs, on an export) must fail and
 * name the first event from which the log no longer matches what was signed.
 */

interface Row {
  position: number;
  event_id: string;
  stream_id: string;
  stream_revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

let work: string;
let pristine: string;
let other: string;
let checkpointFile: string;
let publicKeyFile: string;
let rows: Row[];
let copies = 0;

// Edits, copies and restores the embedded store's file: EventStoreDB has no such file (its pass
// proves the Merkle log through the API and the CLI in audit-proofs and audit-checkpoints).
const onStoreFile = TEST_EVENT_STORE === 'sqlite';
const describeOnStoreFile = onStoreFile ? describe : describe.skip;

beforeAll(async () => {
  if (!onStoreFile) return;
  await buildCli();
  work = mkdtempSync(join(tmpdir(), 'concord-merkle-e2e-'));
  pristine = join(work, 'pristine');
  other = join(work, 'other');
  // Two independent stores: the second is the self-consistent log that replaces the first.
  const [seeded, otherSeeded] = await Promise.all([concord(pristine, 'seed'), concord(other, 'seed')]);
  expect(seeded.code).toBe(0);
  expect(otherSeeded.code).toBe(0);
  expect((await concord(other, 'audit', 'checkpoint')).code).toBe(0);
  const issued = await concord(pristine, 'audit', 'checkpoint');
  expect(issued).toMatchObject({ code: 0, stderr: expect.stringContaining('recorded in the log') });
  checkpointFile = join(work, 'checkpoint.json');
  writeFileSync(checkpointFile, issued.stdout);
  publicKeyFile = join(work, 'concord-audit.pub.pem');
  const key = await concord(pristine, 'audit', 'public-key');
  expect(key.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
  writeFileSync(publicKeyFile, key.stdout);
  rows = readRows(pristine);
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function readRows(dataDir: string): Row[] {
  const db = new Database(join(dataDir, 'events.db'), { readonly: true });
  try {
    return db.prepare('SELECT * FROM events ORDER BY position').all() as Row[];
  } finally {
    db.close();
  }
}

/** A copy of the pristine data dir, its store file edited by `tamper`. */
function tampered(tamper: (db: Database.Database) => void): string {
  copies += 1;
  const dir = join(work, `copy-${copies}`);
  cpSync(pristine, dir, { recursive: true });
  const db = new Database(join(dir, 'events.db'));
  try {
    db.transaction(() => tamper(db))();
  } finally {
    db.close();
  }
  return dir;
}

/** verify --checkpoint on the live store, and the offline verifier on an export of it. */
async function verifyBoth(dataDir: string): Promise<{ live: Run; offline: Run }> {
  const [live, exported] = await Promise.all([
    concord(dataDir, 'audit', 'verify', '--checkpoint', checkpointFile, '--public-key', publicKeyFile),
    concord(dataDir, 'audit', 'export'),
  ]);
  const file = join(dataDir, 'log.jsonl');
  writeFileSync(file, exported.stdout);
  const offline = await node(join(ROOT, 'tools', 'verify-offline.mjs'), ['--log', file, '--checkpoint', checkpointFile, '--public-key', publicKeyFile]);
  return { live, offline };
}

/** Both verifiers fail, naming the event now at leaf `leafIndex` as the first that no longer matches. */
async function expectNamed(dataDir: string, leafIndex: number) {
  const { live, offline } = await verifyBoth(dataDir);
  const at = readRows(dataDir)[leafIndex]!;
  const named = `position ${String(at.position).padStart(20, '0')}, stream ${at.stream_id}, revision ${at.stream_revision}`;
  expect(live.code).toBe(1);
  expect(live.stdout).toMatch(new RegExp(`first event from which the log no longer matches: (leaf ${leafIndex}, )?${escape(named)} \\(event ${at.event_id}`));
  expect(offline.code).toBe(1);
  expect(offline.stdout).toContain(`INVALID: first bad leaf ${leafIndex}: ${named} (event ${at.event_id}, line ${leafIndex + 1})`);
  return { live, offline };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const indexOf = (position: number) => rows.findIndex((row) => row.position === position);
const streamRows = (streamId: string) => rows.filter((row) => row.stream_id === streamId);
const longStream = () => rows.find((row) => row.stream_id.startsWith('topical-group-'))!.stream_id;

/** What a forger who knows the public algorithms does: every chain and envelope hash of the stream recomputed. */
function rehashStream(db: Database.Database, streamId: string): void {
  let previousHash = '0'.repeat(64);
  const stream = db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY stream_revision').all(streamId) as Row[];
  for (const row of stream) {
    const data = JSON.parse(row.data);
    const metadata = JSON.parse(row.metadata) as EventEnvelope;
    metadata.previousHash = previousHash;
    metadata.hash = chainHash({ streamId, streamRevision: row.stream_revision, type: row.type, data, previousHash });
    metadata.envelopeHash = envelopeHash(metadata);
    db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(metadata), row.position);
    previousHash = metadata.hash;
  }
}

describeOnStoreFile('the Merkle log against tampering of the store file after a checkpoint was issued', () => {
  it('the untouched store verifies against the checkpoint, live and offline, with its per-stream checks', async () => {
    const { live, offline } = await verifyBoth(pristine);
    expect(live.code).toBe(0);
    expect(live.stdout).toMatch(new RegExp(`^checkpoint: ${rows.length - 1} events, root [0-9a-f]{64}, issued .*; signature valid; log matches the public key$`, 'm'));
    expect(live.stdout).toMatch(new RegExp(`^valid: the log of ${rows.length} events extends the checkpoint; 1 checkpoints recorded in the log agree`, 'm'));
    expect(live.stdout).toMatch(/^valid: \d+ streams, \d+ events, every hash and link verified$/m);
    expect(offline).toMatchObject({ code: 0, stdout: expect.stringContaining(`valid: the export's ${rows.length} events extend the checkpoint`) });
  });

  it('a data field edited: named by both, and by the per-stream check', async () => {
    const target = rows.filter((row) => row.type === 'OrganisationRegistered')[3]!;
    const dir = tampered((db) => db.prepare(`UPDATE events SET data = json_set(data, '$.name', 'Forged') WHERE position = ?`).run(target.position));
    const { live } = await expectNamed(dir, indexOf(target.position));
    expect(live.stdout).toMatch(/kind: altered/);
  });

  it('the same edit with every hash of the stream recomputed: the chains verify, the Merkle log names the event', async () => {
    const [first] = streamRows('member-fr-claire-martin');
    const dir = tampered((db) => {
      db.prepare(`UPDATE events SET data = json_set(data, '$.country', 'XX') WHERE position = ?`).run(first!.position);
      rehashStream(db, first!.stream_id);
    });
    const { live } = await expectNamed(dir, indexOf(first!.position));
    expect(live.stdout).toMatch(/^valid: \d+ streams, \d+ events, every hash and link verified$/m);
  });

  it('an actor edited and its envelopeHash removed: named by both, and reported as legacy by the per-stream check', async () => {
    const target = rows[40]!;
    const dir = tampered((db) => {
      const metadata = JSON.parse(target.metadata);
      delete metadata.envelopeHash;
      metadata.actor = { subject: 'mallory', roles: ['ADMIN'] };
      db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(metadata), target.position);
    });
    const { live } = await expectNamed(dir, 40);
    expect(live.stdout).toMatch(/kind: legacy/);
    expect(live.stdout).toContain(`first bad event: ${target.stream_id} revision ${target.stream_revision} (event ${target.event_id}`);
  });

  it('the last event of a stream deleted: the event that followed it now holds its leaf, and is named', async () => {
    const last = streamRows('member-sk-martin-kovac').at(-1)!;
    expect(last.position).toBeLessThan(rows.at(-1)!.position);
    const dir = tampered((db) => db.prepare('DELETE FROM events WHERE position = ?').run(last.position));
    const { live, offline } = await expectNamed(dir, indexOf(last.position));
    expect(readRows(dir)[indexOf(last.position)]!.position).toBe(last.position + 1);
    expect(live.stdout).toContain('the event signed as this leaf was removed');
    expect(offline.stdout).toContain('the event signed as this leaf was removed');
  });

  it('a whole stream deleted: named at its first event’s leaf', async () => {
    const stream = rows.find((row) => row.stream_id.startsWith('buyer-group-'))!.stream_id;
    const first = streamRows(stream)[0]!;
    const dir = tampered((db) => db.prepare('DELETE FROM events WHERE stream_id = ?').run(stream));
    expect(readRows(pristine).length - readRows(dir).length).toBe(streamRows(stream).length);
    await expectNamed(dir, indexOf(first.position));
  });

  it('a middle event deleted: named at its leaf (the per-stream check names its successor in the stream)', async () => {
    const middle = streamRows(longStream())[5]!;
    const dir = tampered((db) => db.prepare('DELETE FROM events WHERE position = ?').run(middle.position));
    await expectNamed(dir, indexOf(middle.position));
  });

  it('two events swapped: named at the earlier position', async () => {
    const [a, b] = [rows[19]!, rows[29]!];
    const dir = tampered((db) => {
      db.prepare('DELETE FROM events WHERE position IN (?, ?)').run(a.position, b.position);
      const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      insert.run(a.position, b.event_id, b.stream_id, b.stream_revision, b.type, b.data, b.metadata, b.recorded_at);
      insert.run(b.position, a.event_id, a.stream_id, a.stream_revision, a.type, a.data, a.metadata, a.recorded_at);
    });
    await expectNamed(dir, 19);
  });

  it('revisions swapped within a stream: named at the earlier one', async () => {
    const [, , third, fourth] = streamRows(longStream());
    const dir = tampered((db) => {
      const set = db.prepare('UPDATE events SET stream_revision = ? WHERE position = ?');
      set.run(-1, third!.position);
      set.run(third!.stream_revision, fourth!.position);
      set.run(fourth!.stream_revision, third!.position);
    });
    await expectNamed(dir, indexOf(third!.position));
  });

  it("the whole store file replaced by another store's self-consistent log: named at the first leaf", async () => {
    copies += 1;
    const dir = join(work, `copy-${copies}`);
    cpSync(pristine, dir, { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `events.db${suffix}`), { force: true });
    cpSync(join(other, 'events.db'), join(dir, 'events.db'));
    for (const suffix of ['-wal', '-shm']) rmSync(join(dir, `events.db${suffix}`), { force: true });
    // The other log verifies on its own: only the checkpoint kept from this one shows the substitution.
    expect(await concord(dir, 'audit', 'verify')).toMatchObject({ code: 0 });
    const { live, offline } = await expectNamed(dir, 0);
    expect(live.stdout).toContain('checkpoints recorded in the log are not signed by this key');
    expect(offline.stdout).toContain('first bad leaf 0');
  });

  it('refuses a checkpoint that is not one, and a checkpoint signed by another key', async () => {
    const forged = join(work, 'forged.json');
    writeFileSync(forged, JSON.stringify({ ...JSON.parse(readFileSync(checkpointFile, 'utf8')), treeSize: 3 }));
    const live = await concord(pristine, 'audit', 'verify', '--checkpoint', forged, '--public-key', publicKeyFile);
    expect(live).toMatchObject({ code: 1, stdout: expect.stringContaining('signature INVALID') });
    const offline = await node(join(ROOT, 'tools', 'verify-offline.mjs'), ['--log', join(pristine, 'log.jsonl'), '--checkpoint', forged, '--public-key', publicKeyFile]);
    expect(offline).toMatchObject({ code: 1, stdout: expect.stringContaining('signature INVALID') });
    const otherKey = join(work, 'other.pub.pem');
    writeFileSync(otherKey, (await concord(other, 'audit', 'public-key')).stdout);
    expect(await concord(pristine, 'audit', 'verify', '--checkpoint', checkpointFile, '--public-key', otherKey)).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('is NOT the log of this public key'),
    });
    writeFileSync(forged, '{"treeSize": "many"}');
    expect(await concord(pristine, 'audit', 'verify', '--checkpoint', forged)).toMatchObject({ code: 2, stderr: expect.stringContaining('must be a string') });
    expect(await node(join(ROOT, 'tools', 'verify-offline.mjs'), ['--log', 'x'])).toMatchObject({ code: 2, stderr: expect.stringContaining('usage') });
  });
});

describeOnStoreFile('a restored older copy of the log, continued with different events', () => {
  const RENAME = `mutation($id: ID!, $name: String!) { renameOrganisation(id: $id, name: $name) { version } }`;
  const ORGANISATION = 'fr-police-nationale';

  async function rename(dataDir: string, ...names: string[]): Promise<void> {
    const server = await ConcordServer.start({ dataDir });
    try {
      const admin = await server.adminToken();
      for (const name of names) await server.ok(RENAME, { id: ORGANISATION, name }, admin);
    } finally {
      await server.stop({ keepData: true });
    }
  }

  it('verifies against a checkpoint taken before the copy and fails against one taken after', async () => {
    const live = join(work, 'restored');
    cpSync(pristine, live, { recursive: true });
    const before = join(work, 'before.json');
    writeFileSync(before, (await concord(live, 'audit', 'checkpoint')).stdout);
    const backup = join(work, 'backup');
    cpSync(live, backup, { recursive: true });

    await rename(live, 'Police nationale (DGPN)', 'DGPN');
    const after = join(work, 'after.json');
    const issuedAfter = await concord(live, 'audit', 'checkpoint');
    writeFileSync(after, issuedAfter.stdout);
    expect(JSON.parse(issuedAfter.stdout).treeSize).toBeGreaterThan(JSON.parse(readFileSync(before, 'utf8')).treeSize);

    // The data dir restored from the copy, and a different history recorded on top of it.
    rmSync(live, { recursive: true, force: true });
    cpSync(backup, live, { recursive: true });
    await rename(live, 'Direction générale de la police nationale');
    expect(await concord(live, 'audit', 'verify')).toMatchObject({ code: 0 });

    const exported = join(work, 'restored.jsonl');
    writeFileSync(exported, (await concord(live, 'audit', 'export')).stdout);
    const offline = (checkpoint: string) =>
      node(join(ROOT, 'tools', 'verify-offline.mjs'), ['--log', exported, '--checkpoint', checkpoint, '--public-key', publicKeyFile]);

    expect(await concord(live, 'audit', 'verify', '--checkpoint', before)).toMatchObject({ code: 0, stdout: expect.stringContaining('extends the checkpoint') });
    expect(await offline(before)).toMatchObject({ code: 0 });
    const refused = await concord(live, 'audit', 'verify', '--checkpoint', after);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("does not have the checkpoint's root");
    expect(await offline(after)).toMatchObject({ code: 1, stdout: expect.stringContaining('INVALID: first bad leaf') });
  });
});
