import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { chainHash, GENESIS_HASH } from '#kernel';
import { ConcordServer, codeOf } from './support/concord-server.js';

const REGISTER = `mutation($input: RegisterOrganisationInput!, $key: String) {
  registerOrganisation(input: $input, idempotencyKey: $key) { version position organisation { id name country kind active version } } }`;
const JOIN = `mutation($input: JoinCommunityInput!, $key: String) {
  joinCommunity(input: $input, idempotencyKey: $key) { version position member { id displayName email country erased organisation { id } } } }`;
const APPOINT = `mutation($country: String!, $memberId: ID!) {
  appointNationalContactPoint(country: $country, memberId: $memberId) { version member { id nationalContactPointFor } } }`;
const RENAME = `mutation($id: ID!, $name: String!, $v: Int, $key: String) {
  renameOrganisation(id: $id, name: $name, expectedVersion: $v, idempotencyKey: $key) { version position organisation { name version } } }`;
const LEAVE = `mutation($id: ID!, $reason: String!) { leaveNetwork(id: $id, reason: $reason) { version organisation { active } } }`;
const ERASE = `mutation($id: ID!) { eraseMemberPersonalData(memberId: $id) { version member { id displayName email erased } } }`;
const MEMBER = `query($id: ID!) { member(id: $id) { id displayName email country erased nationalContactPointFor expertise joinedAt version organisation { name } } }`;
const ORGANISATION = `query($id: ID!) { organisation(id: $id) { id name version active members { id displayName } } }`;

describe('Network & Community over HTTP', () => {
  let server: ConcordServer;
  let admin: string;
  let ncpFr: string;
  let memberFr: string;
  let memberSk: string;
  let auditor: string;

  const eventCount = async () => (await server.runtime.store.readAll()).length;

  beforeAll(async () => {
    server = await ConcordServer.start();
    admin = await server.adminToken();
    auditor = await server.token('auditor-1', ['AUDITOR']);
    await server.ok(REGISTER, { input: { id: 'fr-police', name: 'Police nationale', country: 'FR', kind: 'LAW_ENFORCEMENT' } }, admin);
    await server.ok(REGISTER, { input: { id: 'sk-police', name: 'Policajný zbor', country: 'SK', kind: 'LAW_ENFORCEMENT' } }, admin);
    await server.ok(
      JOIN,
      { input: { id: 'claire', displayName: 'Claire Martin', email: 'claire.martin@interieur.gouv.fr', country: 'FR', organisationId: 'fr-police' } },
      admin,
    );
    await server.ok(APPOINT, { country: 'FR', memberId: 'claire' }, admin);
    await server.ok(
      JOIN,
      { input: { id: 'jean', displayName: 'Jean Dupont', email: 'jean.dupont@interieur.gouv.fr', country: 'FR', organisationId: 'fr-police', expertise: ['UAV'] } },
      admin,
    );
    await server.ok(
      JOIN,
      { input: { id: 'jana', displayName: 'Jana Nováková', email: 'jana.novakova@minv.sk', country: 'SK', organisationId: 'sk-police' } },
      admin,
    );
    ncpFr = await server.token('claire');
    memberFr = await server.token('jean');
    memberSk = await server.token('jana');
  });

  afterAll(async () => {
    await server.stop();
  });

  describe('authentication', () => {
    it('refuses no token, a forged token and an expired token on every operation', async () => {
      const forged = `${admin.slice(0, -4)}AAAA`;
      const expired = await server.token('admin', ['ADMIN'], '-1h');
      for (const token of [undefined, forged, expired, 'not-a-jwt']) {
        expect(codeOf(await server.graphql(`{ organisations { totalCount } }`, {}, token))).toBe('UNAUTHENTICATED');
        const before = await eventCount();
        const result = await server.graphql(REGISTER, { input: { name: 'X', country: 'FR', kind: 'OTHER' } }, token);
        expect(codeOf(result)).toBe('UNAUTHENTICATED');
        expect(await eventCount()).toBe(before);
      }
    });

    it('refuses a valid token whose subject is neither a community member nor holds a platform role', async () => {
      const stranger = await server.token('someone-of-the-identity-provider');
      expect(codeOf(await server.graphql(`{ organisations { totalCount } }`, {}, stranger))).toBe('FORBIDDEN');
      expect(codeOf(await server.graphql(MEMBER, { id: 'jean' }, stranger))).toBe('FORBIDDEN');
      // Who am I? still answers, with nothing to show.
      expect(await server.ok<any>(`{ me { id } myRoles }`, {}, stranger)).toEqual({ me: null, myRoles: [] });
      expect(await server.ok<any>(`{ myRoles }`, {}, auditor)).toEqual({ myRoles: ['AUDITOR'] });
    });

    it('answers `me` with the member the token names', async () => {
      const me = await server.ok<any>(`{ me { id displayName email } }`, {}, memberFr);
      expect(me.me).toEqual({ id: 'jean', displayName: 'Jean Dupont', email: 'jean.dupont@interieur.gouv.fr' });
      expect((await server.ok<any>(`{ me { id } }`, {}, admin)).me).toBeNull();
    });
  });

  describe('who may register an organisation and admit a member', () => {
    it('allows the NCP of that country', async () => {
      const result = await server.ok<any>(REGISTER, { input: { id: 'fr-dgddi', name: 'Douane', country: 'FR', kind: 'BORDER_GUARD' } }, ncpFr);
      expect(result.registerOrganisation.organisation.country).toBe('FR');
      const joined = await server.ok<any>(
        JOIN,
        { input: { id: 'luc', displayName: 'Luc Bernard', email: 'luc@douane.gouv.fr', country: 'FR', organisationId: 'fr-dgddi' } },
        ncpFr,
      );
      expect(joined.joinCommunity.member.organisation.id).toBe('fr-dgddi');
    });

    it('refuses the NCP of another country and plain members, recording nothing', async () => {
      const before = await eventCount();
      for (const token of [ncpFr, memberSk, auditor]) {
        const result = await server.graphql(REGISTER, { input: { name: 'Hraničná polícia', country: 'SK', kind: 'BORDER_GUARD' } }, token);
        expect(codeOf(result)).toBe('FORBIDDEN');
      }
      expect(codeOf(await server.graphql(JOIN, { input: { displayName: 'A B', email: 'a@b.sk', country: 'SK' } }, ncpFr))).toBe('FORBIDDEN');
      expect(codeOf(await server.graphql(JOIN, { input: { displayName: 'A B', email: 'a@b.fr', country: 'FR' } }, memberFr))).toBe('FORBIDDEN');
      expect(await eventCount()).toBe(before);
    });

    it('allows only ADMIN to appoint an NCP; a new NCP replaces the previous one', async () => {
      expect(codeOf(await server.graphql(APPOINT, { country: 'FR', memberId: 'jean' }, ncpFr))).toBe('FORBIDDEN');
      await server.ok(APPOINT, { country: 'FR', memberId: 'jean' }, admin);
      expect((await server.ok<any>(MEMBER, { id: 'claire' }, admin)).member.nationalContactPointFor).toBeNull();
      expect((await server.ok<any>(MEMBER, { id: 'jean' }, admin)).member.nationalContactPointFor).toBe('FR');
      // Claire is no longer NCP: refused now
      expect(codeOf(await server.graphql(REGISTER, { input: { name: 'Gendarmerie', country: 'FR', kind: 'LAW_ENFORCEMENT' } }, ncpFr))).toBe('FORBIDDEN');
      await server.ok(APPOINT, { country: 'FR', memberId: 'claire' }, admin);
    });
  });

  describe('domain rules, each broken with nothing recorded', () => {
    it.each([
      ['organisation-already-registered', () => server.graphql(REGISTER, { input: { id: 'fr-police', name: 'Again', country: 'FR', kind: 'OTHER' } }, admin)],
      ['member-already-joined', () => server.graphql(JOIN, { input: { id: 'jean', displayName: 'J', email: 'j@x.fr', country: 'FR' } }, admin)],
      ['organisation-name-unchanged', () => server.graphql(RENAME, { id: 'sk-police', name: 'Policajný zbor' }, admin)],
      ['ncp-country-mismatch', () => server.graphql(APPOINT, { country: 'SK', memberId: 'jean' }, admin)],
      ['ncp-already-appointed', () => server.graphql(APPOINT, { country: 'FR', memberId: 'claire' }, admin)],
      [
        'member-organisation-country-mismatch',
        () => server.graphql(JOIN, { input: { displayName: 'P Q', email: 'p@q.fr', country: 'FR', organisationId: 'sk-police' } }, admin),
      ],
    ])('%s', async (rule, attempt) => {
      const before = await eventCount();
      const result = await attempt();
      expect(codeOf(result)).toBe('DOMAIN_RULE_VIOLATED');
      expect(result.errors?.[0]?.extensions?.['rule']).toBe(rule);
      expect(await eventCount()).toBe(before);
    });

    it('refuses changes to an organisation that left the network', async () => {
      await server.ok(REGISTER, { input: { id: 'cy-old', name: 'Old agency', country: 'CY', kind: 'OTHER' } }, admin);
      const left = await server.ok<any>(LEAVE, { id: 'cy-old', reason: 'merged into the ministry' }, admin);
      expect(left.leaveNetwork.organisation.active).toBe(false);
      const before = await eventCount();
      const result = await server.graphql(RENAME, { id: 'cy-old', name: 'New' }, admin);
      expect(result.errors?.[0]?.extensions?.['rule']).toBe('organisation-left-network');
      const joinLeft = await server.graphql(JOIN, { input: { displayName: 'C D', email: 'c@d.cy', country: 'CY', organisationId: 'cy-old' } }, admin);
      expect(joinLeft.errors?.[0]?.extensions?.['rule']).toBe('organisation-left-network');
      expect(await eventCount()).toBe(before);
    });

    it('names the field of bad input', async () => {
      const badCountry = await server.graphql(REGISTER, { input: { name: 'X', country: 'US', kind: 'OTHER' } }, admin);
      expect(codeOf(badCountry)).toBe('BAD_USER_INPUT');
      expect(badCountry.errors![0]!.extensions!['field']).toBe('input.country');
      const badEmail = await server.graphql(JOIN, { input: { displayName: 'X', email: 'nope', country: 'FR' } }, admin);
      expect(badEmail.errors![0]!.extensions!['field']).toBe('input.email');
      const badKind = await server.graphql(REGISTER, { input: { name: 'X', country: 'FR', kind: 'PIRATES' } }, admin);
      expect(codeOf(badKind)).toBe('BAD_USER_INPUT');
      expect(badKind.errors![0]!.extensions!['field']).toBe('input.kind');
      expect(JSON.stringify(badKind)).not.toMatch(/stacktrace|\.ts:\d+|node_modules/);
      const missing = await server.graphql(RENAME, { id: 'nowhere', name: 'X' }, admin);
      expect(codeOf(missing)).toBe('NOT_FOUND');
    });
  });

  describe('expectedVersion and idempotency', () => {
    it('answers CONFLICT with expected and actual versions on a stale expectedVersion', async () => {
      const current = (await server.ok<any>(ORGANISATION, { id: 'sk-police' }, admin)).organisation.version;
      const renamed = await server.ok<any>(RENAME, { id: 'sk-police', name: 'Prezídium Policajného zboru', v: current }, admin);
      expect(renamed.renameOrganisation.version).toBe(current + 1);
      const stale = await server.graphql(RENAME, { id: 'sk-police', name: 'Something else', v: current }, admin);
      expect(codeOf(stale)).toBe('CONFLICT');
      expect(stale.errors![0]!.extensions).toMatchObject({ expected: current, actual: current + 1 });
    });

    it('returns the first result for a repeated idempotencyKey and records nothing new', async () => {
      const input = { name: 'Ministerstvo vnútra', country: 'SK', kind: 'MINISTRY' };
      const first = await server.ok<any>(REGISTER, { input, key: 'sk-ministry-1' }, admin);
      const before = await eventCount();
      const again = await server.ok<any>(REGISTER, { input, key: 'sk-ministry-1' }, admin);
      expect(again.registerOrganisation).toEqual(first.registerOrganisation);
      expect(await eventCount()).toBe(before);
      const renamed = await server.ok<any>(RENAME, { id: first.registerOrganisation.organisation.id, name: 'MV SR', key: 'rename-1' }, admin);
      const renamedAgain = await server.ok<any>(RENAME, { id: first.registerOrganisation.organisation.id, name: 'MV SR', key: 'rename-1' }, admin);
      expect(renamedAgain.renameOrganisation.version).toBe(renamed.renameOrganisation.version);
      expect(renamedAgain.renameOrganisation.position).toBe(renamed.renameOrganisation.position);
    });
  });

  describe('reading', () => {
    it('lets any authenticated caller read the network, with email only for those allowed', async () => {
      for (const token of [memberSk, auditor, admin]) {
        const result = await server.ok<any>(`{ organisations(country: "FR") { totalCount edges { node { country } } } }`, {}, token);
        expect(result.organisations.totalCount).toBeGreaterThanOrEqual(2);
      }
      const email = async (token: string) => (await server.ok<any>(MEMBER, { id: 'jean' }, token)).member.email;
      expect(await email(memberFr)).toBe('jean.dupont@interieur.gouv.fr'); // themself
      expect(await email(admin)).toBe('jean.dupont@interieur.gouv.fr');
      expect(await email(ncpFr)).toBe('jean.dupont@interieur.gouv.fr'); // NCP of France
      expect(await email(memberSk)).toBeNull();
      expect(await email(auditor)).toBeNull();
    });

    it('shows when an organisation was registered: the instant its first event was recorded, in ISO 8601 UTC', async () => {
      const { organisation } = await server.ok<any>(`query($id: ID!) { organisation(id: $id) { id registeredAt } }`, { id: 'fr-police' }, memberSk);
      expect(organisation.registeredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(new Date(organisation.registeredAt).toISOString()).toBe(organisation.registeredAt);
      const [registered] = await server.runtime.store.readStream('organisation-fr-police');
      expect(organisation.registeredAt).toBe(new Date(String(registered!.metadata['recordedAt'])).toISOString());
      // Renames do not move it.
      const renamed = (await server.ok<any>(`{ organisations(country: "SK") { edges { node { id registeredAt version } } } }`, {}, admin)).organisations.edges
        .map((edge: any) => edge.node)
        .find((node: any) => node.id === 'sk-police');
      const [skRegistered] = await server.runtime.store.readStream('organisation-sk-police');
      expect(renamed.registeredAt).toBe(new Date(String(skRegistered!.metadata['recordedAt'])).toISOString());
    });

    it('pages organisations with opaque cursors and a total count', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let total = 0;
      do {
        const page: any = await server.ok(`query($after: String) { organisations(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`, { after }, admin);
        total = page.organisations.totalCount;
        seen.push(...page.organisations.edges.map((edge: any) => edge.node.id));
        after = page.organisations.pageInfo.hasNextPage ? page.organisations.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect(codeOf(await server.graphql(`{ organisations(after: "garbage") { totalCount } }`, {}, admin))).toBe('BAD_USER_INPUT');
    });
  });

  describe('erasure of personal data', () => {
    it('is refused to other members, allowed to the member themself and to ADMIN', async () => {
      expect(codeOf(await server.graphql(ERASE, { id: 'jean' }, memberSk))).toBe('FORBIDDEN');
      expect(codeOf(await server.graphql(ERASE, { id: 'jean' }, ncpFr))).toBe('FORBIDDEN');
      await server.ok(
        JOIN,
        { input: { id: 'petra', displayName: 'Petra Horváthová', email: 'petra.horvathova@minv.sk', country: 'SK', organisationId: 'sk-police' } },
        admin,
      );
      const self = await server.ok<any>(ERASE, { id: 'petra' }, await server.token('petra'));
      expect(self.eraseMemberPersonalData.member).toMatchObject({ displayName: null, email: null, erased: true });
      const before = await eventCount();
      const again = await server.graphql(ERASE, { id: 'petra' }, admin);
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'DOMAIN_RULE_VIOLATED', rule: 'member-already-erased' });
      expect(await eventCount()).toBe(before);
    });

    it('refuses to appoint an erased member as national contact point, recording nothing', async () => {
      // Petra (SK) was erased above; Slovakia has no NCP, so only the erasure stands in the way.
      const before = await eventCount();
      const appointed = await server.graphql(APPOINT, { country: 'SK', memberId: 'petra' }, admin);
      expect(appointed.errors?.[0]?.extensions).toMatchObject({ code: 'DOMAIN_RULE_VIOLATED', rule: 'member-erased' });
      expect(await eventCount()).toBe(before);
      expect((await server.ok<any>(MEMBER, { id: 'petra' }, admin)).member).toMatchObject({ erased: true, nationalContactPointFor: null, version: 2 });
    });

    it('completes an erasure whose key survived a crash: a repeated request destroys it, though refused as already erased', async () => {
      await server.ok(
        JOIN,
        { input: { id: 'rui', displayName: 'Rui Costa', email: 'rui.costa@psp.pt', country: 'PT' } },
        admin,
      );
      // As if the process died after recording the erasure and before the key was destroyed.
      const { store, keys } = server.runtime;
      const appended = await store.append('member-rui', [{ id: randomUUID(), type: 'MemberPersonalDataErased', data: { memberId: 'rui' } }]);
      await server.runtime.runner.waitFor(appended.position);
      expect(await keys.find('rui')).toBeDefined();
      const before = await eventCount();
      const again = await server.graphql(ERASE, { id: 'rui' }, admin);
      expect(again.errors?.[0]?.extensions?.['rule']).toBe('member-already-erased');
      expect(await eventCount()).toBe(before);
      expect(await keys.find('rui')).toBeUndefined();
      expect(await keys.isDestroyed('rui')).toBe(true);
    });

    it('leaves no byte of the name or email anywhere in the data dir, and the hash chain verifies', async () => {
      const email = 'jana.novakova@minv.sk';
      const name = 'Jana Nováková';
      // sealed from the start in the event store; only the read model holds it in clear
      expect(findInDataDir(server.dataDir, email).filter((file) => !file.includes('read-models'))).toEqual([]);
      const erased = await server.ok<any>(ERASE, { id: 'jana' }, admin);
      expect(erased.eraseMemberPersonalData.member).toMatchObject({ displayName: null, email: null, erased: true });
      const read = await server.ok<any>(MEMBER, { id: 'jana' }, admin);
      expect(read.member).toMatchObject({ displayName: null, email: null, erased: true, country: 'SK' });
      const orgMembers = await server.ok<any>(ORGANISATION, { id: 'sk-police' }, admin);
      expect(JSON.stringify(orgMembers)).not.toContain('Nováková');

      checkpointAll(server.dataDir);
      expect(findInDataDir(server.dataDir, email)).toEqual([]);
      expect(findInDataDir(server.dataDir, name)).toEqual([]);

      const events = await server.runtime.store.readStream('member-jana');
      let previousHash = GENESIS_HASH;
      for (const event of events) {
        const metadata = event.metadata as { hash: string; previousHash: string };
        expect(metadata.previousHash).toBe(previousHash);
        expect(chainHash({ streamId: event.streamId, streamRevision: event.revision, type: event.type, data: event.data, previousHash })).toBe(metadata.hash);
        previousHash = metadata.hash;
      }
    });
  });
});

function checkpointAll(dir: string): void {
  for (const file of walk(dir).filter((f) => f.endsWith('.db'))) {
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
}

function findInDataDir(dir: string, text: string): string[] {
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
  return walk(dir).filter((file) => {
    const bytes = readFileSync(file);
    return needles.some((needle) => bytes.includes(needle));
  });
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
