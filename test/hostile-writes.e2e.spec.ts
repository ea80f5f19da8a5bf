import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConcordServer, TEST_EVENT_STORE, codeOf } from './support/concord-server.js';
import { needDetails } from '../libs/needs/test/support/need-details.js';

/** Writes by members that must not hurt anyone else: overflowing totals, leaving for good, shared keys, files. */
describe('hostile writes', () => {
  let server: ConcordServer;
  let admin: string;
  let organisationId: string;
  const tokens = new Map<string, string>();
  const token = (id: string) => tokens.get(id)!;

  const DECLARE = `mutation($input: DeclareNeedInput!) { declareNeed(input: $input) { need { id } } }`;
  const need = (quantity: number) =>
    needDetails({ organisationId, title: 'Ballistic vests', description: 'Level IIIA vests', cpvCode: '35815100-1', quantity, estimatedBudget: { amount: '1000.00', currency: 'EUR' } });

  beforeAll(async () => {
    server = await ConcordServer.start();
    admin = await server.adminToken();
    const created = await server.ok<any>(
      `mutation { registerOrganisation(input: { name: "Policija", country: "LT", kind: LAW_ENFORCEMENT }) { organisation { id } } }`,
      {},
      admin,
    );
    organisationId = created.registerOrganisation.organisation.id;
    for (const id of ['ona', 'jonas', 'rasa']) {
      await server.ok(
        `mutation($input: JoinCommunityInput!) { joinCommunity(input: $input) { member { id } } }`,
        { input: { id, displayName: id, email: `${id}@policija.example.eu`, country: 'LT', organisationId } },
        admin,
      );
      tokens.set(id, await server.token(id));
    }
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses a quantity that would overflow the inventory totals, and the inventory keeps answering everyone', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect(codeOf(await server.graphql(DECLARE, { input: need(1_000_000_000) }, token('ona')))).toBe('BAD_USER_INPUT');
    }
    for (let i = 0; i < 3; i += 1) await server.ok(DECLARE, { input: need(1_000_000) }, token('ona'));
    const inventory = await server.ok<any>(`{ investmentInventory(groupBy: [COUNTRY]) { key needCount organisationCount totalQuantity } }`, {}, token('jonas'));
    expect(inventory.investmentInventory).toEqual([{ key: ['LT'], needCount: 3, organisationCount: 1, totalQuantity: 3_000_000 }]);
  });

  it('refuses every operation of a member who erased her personal data, and keeps her history', async () => {
    const before = await server.ok<any>(DECLARE, { input: need(5) }, token('rasa'));
    await server.ok(`mutation { eraseMemberPersonalData(memberId: "rasa") { member { erased } } }`, {}, token('rasa'));
    expect(codeOf(await server.graphql(DECLARE, { input: need(6) }, token('rasa')))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(`{ needs { totalCount } }`, {}, token('rasa')))).toBe('FORBIDDEN');
    expect(codeOf(await server.graphql(`{ me { id } }`, {}, token('rasa')))).toBe('FORBIDDEN');
    const history = await server.ok<any>(`query($id: ID!) { need(id: $id) { id quantity } }`, { id: before.declareNeed.need.id }, admin);
    expect(history.need).toEqual({ id: before.declareNeed.need.id, quantity: 5 });
  });

  it('scopes the ids derived from an idempotency key to the caller: two members may use the same key', async () => {
    const group = await server.ok<any>(
      `mutation { createTopicalGroup(input: { name: "UAV procurement", topic: "Drones", description: "Common UAV specifications" }) { topicalGroup { id } } }`,
      {},
      admin,
    );
    const id = group.createTopicalGroup.topicalGroup.id;
    await server.ok(`mutation($id: ID!, $m: ID!) { appointTopicalGroupLeader(id: $id, memberId: $m) { version } }`, { id, m: 'ona' }, admin);
    await server.ok(`mutation($id: ID!) { joinTopicalGroup(id: $id) { version } }`, { id }, token('jonas'));
    const PROPOSE = `mutation($id: ID!, $title: String!) { proposeDecision(id: $id, input: { title: $title, text: "Buy together." }, idempotencyKey: "proposal-1") { decision { id title proposedBy { id } } } }`;
    const ona = (await server.ok<any>(PROPOSE, { id, title: 'One frame contract' }, token('ona'))).proposeDecision.decision;
    const jonas = (await server.ok<any>(PROPOSE, { id, title: 'Two lots' }, token('jonas'))).proposeDecision.decision;
    expect(jonas.id).not.toBe(ona.id);
    expect(jonas).toMatchObject({ title: 'Two lots', proposedBy: { id: 'jonas' } });
    const retry = (await server.ok<any>(PROPOSE, { id, title: 'One frame contract' }, token('ona'))).proposeDecision.decision;
    expect(retry).toEqual(ona);
  });

  it('keeps its data files to its owner, and no copy of an erased key in keys.db-wal despite a concurrent reader', async () => {
    expect(statSync(server.dataDir).mode & 0o777).toBe(0o700);
    // On EventStoreDB the events are not in the data dir: only keys and read models are.
    const eventsFiles = TEST_EVENT_STORE === 'sqlite' ? ['events.db'] : [];
    const files = [...eventsFiles, 'keys.db', 'jwt-secret', ...readdirSync(join(server.dataDir, 'read-models')).map((f) => join('read-models', f))];
    for (const file of files.filter((f) => f.endsWith('.db') || f.endsWith('-wal') || f.endsWith('-shm') || f === 'jwt-secret')) {
      expect([file, statSync(join(server.dataDir, file)).mode & 0o777]).toEqual([file, 0o600]);
    }
    for (const file of [...eventsFiles.map((f) => `${f}-wal`), 'keys.db-wal']) expect([file, statSync(join(server.dataDir, file)).mode & 0o777]).toEqual([file, 0o600]);

    const keysFile = join(server.dataDir, 'keys.db');
    const reader = new Database(keysFile, { readonly: true });
    try {
      const key = (reader.prepare('SELECT key FROM subject_keys WHERE subject = ?').get('jonas') as { key: Buffer }).key;
      reader.exec('BEGIN');
      reader.prepare('SELECT COUNT(*) FROM subject_keys').get(); // holds a snapshot that still has the key
      const erasing = server.ok(`mutation { eraseMemberPersonalData(memberId: "jonas") { member { erased } } }`, {}, admin);
      await new Promise((resolve) => setTimeout(resolve, 300));
      reader.exec('COMMIT');
      expect((await erasing).eraseMemberPersonalData.member.erased).toBe(true);
      const wal = readFileSync(`${keysFile}-wal`);
      expect(wal.includes(key)).toBe(false);
      expect(readFileSync(keysFile).includes(key)).toBe(false);
    } finally {
      reader.close();
    }
  });
});
