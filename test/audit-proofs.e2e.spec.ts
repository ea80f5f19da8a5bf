import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '#runtime';
import { seed } from '../apps/cli/src/commands/seed.command.js';
import { SEED_COUNTRIES, seedEmail } from '../apps/cli/src/commands/seed-data.js';
import { AuditCheckpoints, EventLog, exportEvents, fileRecords, publicKeyFromPem, verifyAgainstCheckpoint } from '#audit';
import { MTH, PATH, PROOF, canonical, rootFromInclusionProof } from '../libs/audit/test/support/rfc9162-reference.js';
import { ROOT, node } from './support/concord-cli.js';
import { ConcordServer, codeOf, eventStoreEnv } from './support/concord-server.js';

/**
 * The Merkle log through the API, on a seeded store: the signed checkpoint, and RFC 9162
 * inclusion and consistency proofs for every event, each checked against the RFC's own
 * definitions (test support), computed from the export alone.
 */

const CHECKPOINT = `{ auditCheckpoint { logId treeSize rootHash issuedAt signature signedPayload publicKey } }`;
const INCLUSION = `query($id: ID!, $size: Int) { inclusionProof(eventId: $id, treeSize: $size) { eventId leafIndex treeSize leafHash auditPath rootHash } }`;
const CONSISTENCY = `query($from: Int!, $to: Int) { consistencyProof(fromSize: $from, toSize: $to) { fromSize toSize fromRootHash toRootHash proof } }`;
const ERASE = `mutation($id: ID!) { eraseMemberPersonalData(memberId: $id) { version } }`;

const hex = (buffer: Buffer) => buffer.toString('hex');
const fromHex = (text: string) => Buffer.from(text, 'hex');
const leafOf = (record: unknown) => createHash('sha256').update(Buffer.from([0])).update(canonical(record)).digest();

let dir: string;
let server: ConcordServer;
let auditor: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'concord-proofs-'));
  await seed(loadConfig({ CONCORD_DATA_DIR: dir, ...(await eventStoreEnv(dir)) }));
  server = await ConcordServer.start({ dataDir: dir });
  auditor = await server.token('auditor', ['AUDITOR']);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The log as `concord audit export` prints it: the leaves' bytes. */
async function exported(): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  await exportEvents(new EventLog(server.runtime.store), {}, (line) => void lines.push(line));
  return lines.map((line) => JSON.parse(line));
}

async function caughtUp(): Promise<void> {
  await server.runtime.runner.waitFor((await server.runtime.store.headPosition()) ?? '');
}

describe('the Merkle log through GraphQL', () => {
  it('auditCheckpoint is signed by the public key it names, over the root of the log as exported', async () => {
    await caughtUp();
    const records = await exported();
    const { auditCheckpoint: checkpoint } = await server.ok<any>(CHECKPOINT, {}, auditor);
    const key = createPublicKey(checkpoint.publicKey);
    expect(checkpoint.logId).toBe(createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex'));
    expect(checkpoint.signedPayload).toBe(
      canonical({ logId: checkpoint.logId, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, issuedAt: checkpoint.issuedAt }),
    );
    expect(verify(null, Buffer.from(checkpoint.signedPayload), key, Buffer.from(checkpoint.signature, 'base64'))).toBe(true);
    // The first checkpoint was issued on demand, of every event before it, and recorded after them.
    expect(checkpoint.treeSize).toBe(records.length);
    expect(checkpoint.rootHash).toBe(hex(MTH(records.map((record) => Buffer.from(canonical(record))))));
    const again = await server.ok<any>(CHECKPOINT, {}, auditor);
    expect(again.auditCheckpoint).toEqual(checkpoint);
    const stored = await server.runtime.store.readStream('audit-checkpoint-1');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.metadata).toMatchObject({ envelopeHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('gives an inclusion proof for every event of the seeded store that RFC 9162 verifies, at the current size and at an earlier one', async () => {
    await caughtUp();
    const records = await exported();
    const leaves = records.map((record) => Buffer.from(canonical(record)));
    const earlier = Math.ceil(records.length / 2);
    for (const [index, record] of records.entries()) {
      const { inclusionProof: proof } = await server.ok<any>(INCLUSION, { id: record['id'] }, auditor);
      expect(proof).toMatchObject({ eventId: record['id'], leafIndex: index, treeSize: records.length, leafHash: hex(leafOf(record)) });
      expect(proof.auditPath).toEqual(PATH(index, leaves).map(hex));
      expect(rootFromInclusionProof(index, proof.treeSize, fromHex(proof.leafHash), proof.auditPath.map(fromHex))).toEqual(MTH(leaves));
      expect(proof.rootHash).toBe(hex(MTH(leaves)));
      if (index < earlier) {
        const { inclusionProof: old } = await server.ok<any>(INCLUSION, { id: record['id'], size: earlier }, auditor);
        expect(rootFromInclusionProof(index, earlier, fromHex(old.leafHash), old.auditPath.map(fromHex))).toEqual(MTH(leaves.slice(0, earlier)));
      }
    }
  });

  it('gives the RFC 9162 consistency proof from every earlier size to the current one', async () => {
    await caughtUp();
    const leaves = (await exported()).map((record) => Buffer.from(canonical(record)));
    for (let from = 1; from <= leaves.length; from += 1) {
      const { consistencyProof: proof } = await server.ok<any>(CONSISTENCY, { from }, auditor);
      expect(proof).toMatchObject({ fromSize: from, toSize: leaves.length, fromRootHash: hex(MTH(leaves.slice(0, from))), toRootHash: hex(MTH(leaves)) });
      expect(proof.proof).toEqual(from < leaves.length ? PROOF(from, leaves).map(hex) : []);
    }
  });

  it('refuses members, unknown events and sizes outside the tree, with a code', async () => {
    const member = await server.token('fr-sophie-lefebvre');
    expect(codeOf(await server.graphql(CHECKPOINT, {}, member))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(CONSISTENCY, { from: 1 }, member))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(INCLUSION, { id: 'no-such-event' }, auditor))).toBe('NOT_FOUND');
    const [first] = await server.runtime.store.readAll({ maxCount: 1 });
    const last = (await exported()).at(-1)!;
    expect(codeOf(await server.graphql(INCLUSION, { id: first!.id, size: 1_000_000 }, auditor))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.graphql(INCLUSION, { id: last['id'], size: 1 }, auditor))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.graphql(CONSISTENCY, { from: 0 }, auditor))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.graphql(CONSISTENCY, { from: 5, to: 4 }, auditor))).toBe('BAD_USER_INPUT');
  });
});

describe("an erased member's events", () => {
  it('still verify against checkpoints taken before and after the erasure, and the export holds no readable personal data', async () => {
    const checkpoints = server.app.get(AuditCheckpoints);
    const system = { subject: 'test', roles: [] };
    await caughtUp();
    const before = (await checkpoints.issue(system)).checkpoint;
    const erased = 'fr-claire-martin';
    await server.ok(ERASE, { id: erased }, await server.adminToken());
    await caughtUp();
    const after = (await checkpoints.issue(system)).checkpoint;
    expect(after.treeSize).toBeGreaterThan(before.treeSize);

    const file = join(dir, 'erased.jsonl');
    const records = await exported();
    writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n'));
    const key = publicKeyFromPem(checkpoints.key.publicKeyPem);
    for (const checkpoint of [before, after]) {
      expect(await verifyAgainstCheckpoint(fileRecords(file), checkpoint, key)).toMatchObject({ valid: true, problems: [] });
      const checkpointFile = join(dir, `checkpoint-${checkpoint.treeSize}.json`);
      const keyFile = join(dir, 'key.pem');
      writeFileSync(checkpointFile, JSON.stringify(checkpoint));
      writeFileSync(keyFile, checkpoints.key.publicKeyPem);
      const offline = await node(join(ROOT, 'tools', 'verify-offline.mjs'), ['--log', file, '--checkpoint', checkpointFile, '--public-key', keyFile]);
      expect(offline).toMatchObject({ code: 0, stdout: expect.stringContaining('valid:') });
    }

    const leaves = records.map((record) => Buffer.from(canonical(record)));
    const own = records.filter((record) => record['streamId'] === `member-${erased}`);
    expect(own.map((record) => record['type'])).toEqual(expect.arrayContaining(['MemberJoinedCommunity', 'MemberPersonalDataErased']));
    for (const record of own) {
      const { inclusionProof: proof } = await server.ok<any>(INCLUSION, { id: record['id'] }, auditor);
      expect(rootFromInclusionProof(proof.leafIndex, proof.treeSize, fromHex(proof.leafHash), proof.auditPath.map(fromHex))).toEqual(MTH(leaves));
    }
    // Display names and emails are sealed in every event: the erased member's can never be opened again.
    // (Free text such as meeting minutes is not personal data under the policy, and may name people.)
    const text = records.map((record) => JSON.stringify(record)).join('\n');
    const member = SEED_COUNTRIES.flatMap(({ organisations }) => organisations.flatMap((o) => o.members.map((m) => ({ m, o })))).find(({ m }) => m.id === erased)!;
    expect(text).not.toContain(member.m.displayName);
    expect(text).not.toContain(seedEmail(member.m, member.o));
    for (const { organisations } of SEED_COUNTRIES) {
      for (const organisation of organisations) {
        for (const seeded of organisation.members) expect(text).not.toContain(seedEmail(seeded, organisation));
      }
    }
    const joined = own.find((record) => record['type'] === 'MemberJoinedCommunity')!['data'] as Record<string, unknown>;
    expect(joined['displayName']).toEqual(expect.objectContaining({}));
    expect(JSON.stringify(joined['displayName'])).not.toContain('Claire');
  });
});
