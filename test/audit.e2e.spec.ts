import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { GENESIS_HASH, chainHash, newId } from '#kernel';
import { ConcordServer, TEST_EVENT_STORE, codeOf, subscribe } from './support/concord-server.js';

/**
 * The audit context over HTTP: history and the audit log read from the event store itself,
 * time travel on each of the five aggregate types, hash-chain verification against each kind of
 * tampering made directly in the SQLite file, the live feed, and who may use any of it.
 */

const EVENT = 'id streamId streamRevision position type recordedAt actor { subject roles } correlationId causationId data previousHash hash';
const PAGE = `edges { cursor node { ${EVENT} } } pageInfo { hasNextPage endCursor }`;
const HISTORY = `query($s: String!, $first: Int, $after: String) { streamHistory(streamId: $s, first: $first, after: $after) { ${PAGE} } }`;
const LOG = `query($f: AuditFilter, $first: Int, $after: String) { auditLog(filter: $f, first: $first, after: $after) { ${PAGE} } }`;
const VERIFY = `query($s: String) { verifyAuditTrail(streamId: $s) {
  valid streamsChecked eventsChecked reason kind brokenStreams firstInvalidEvent { id streamId streamRevision type } } }`;
const FOLLOW = `subscription($f: AuditFilter) { eventRecorded(filter: $f) { ${EVENT} } }`;

const REGISTER = `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { version organisation { id } } }`;
const RENAME = `mutation($id: ID!, $name: String!) { renameOrganisation(id: $id, name: $name) { version organisation { id } } }`;
const JOIN = `mutation($input: JoinCommunityInput!) { joinCommunity(input: $input) { version member { id } } }`;
const ERASE = `mutation($id: ID!) { eraseMemberPersonalData(memberId: $id) { version member { id } } }`;

/** Stream category → the aggregate query that takes `asOf`. */
const AGGREGATE_QUERIES: Record<string, string> = {
  organisation: 'organisation',
  member: 'member',
  need: 'need',
  'buyer-group': 'buyerGroup',
  'topical-group': 'topicalGroup',
};

function categoryOf(streamId: string): string | undefined {
  return Object.keys(AGGREGATE_QUERIES)
    .filter((category) => streamId.startsWith(`${category}-`))
    .sort((a, b) => b.length - a.length)[0];
}

interface AuditEvent {
  id: string;
  streamId: string;
  streamRevision: number;
  position: string;
  type: string;
  recordedAt: string;
  actor: { subject: string; roles: string[] } | null;
  correlationId: string | null;
  causationId: string | null;
  data: any;
  previousHash: string;
  hash: string;
}

interface Page {
  edges: { cursor: string; node: AuditEvent }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('Audit over HTTP', () => {
  let server: ConcordServer;
  let admin: string;
  let auditor: string;
  let member: string;
  let orgA: string;
  /** Every mutation of the setup with the correlation id it was sent with, and how many events it recorded. */
  const sent: { correlationId: string; events: number }[] = [];

  /** Runs a mutation with its own x-correlation-id and remembers how many events it recorded. */
  async function mutate(query: string, variables: Record<string, unknown>, token: string, before = 0): Promise<any> {
    const correlationId = `audit-e2e-${sent.length}-${newId()}`;
    const result = await server.graphql<any>(query, variables, token, { 'x-correlation-id': correlationId });
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    const payload = Object.values(result.data!)[0] as { version: number };
    sent.push({ correlationId, events: payload.version - before });
    return payload;
  }

  const history = async (streamId: string, first = 100, after?: string) =>
    (await server.ok<{ streamHistory: Page }>(HISTORY, { s: streamId, first, after }, auditor)).streamHistory;
  const auditLog = async (filter: Record<string, unknown> | null, first = 100, after?: string) =>
    (await server.ok<{ auditLog: Page }>(LOG, { f: filter, first, after }, auditor)).auditLog;

  /** Every event of the log matching `filter`, page by page. */
  async function wholeLog(filter: Record<string, unknown> | null = null, first = 500): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await auditLog(filter, first, after);
      events.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) return events;
      after = page.pageInfo.endCursor!;
    }
  }

  beforeAll(async () => {
    server = await ConcordServer.start();
    admin = await server.adminToken();
    auditor = await server.token('auditor-1', ['AUDITOR']);
    member = await server.token('anna');

    orgA = (await mutate(REGISTER, { input: { name: 'Agence des achats de sécurité', country: 'FR', kind: 'PROCUREMENT_AGENCY' } }, admin)).organisation.id;
    for (let n = 1; n <= 3; n += 1) await mutate(RENAME, { id: orgA, name: `Name ${n}` }, admin, n);
    const orgB = (await mutate(REGISTER, { input: { name: 'Bundespolizei', country: 'DE', kind: 'BORDER_GUARD' } }, admin)).organisation.id;
    const join = (id: string, displayName: string, country: string, organisationId: string) =>
      mutate(JOIN, { input: { id, displayName, email: `${id}@example.eu`, country, organisationId } }, admin);
    await join('anna', 'Anna Laurent', 'FR', orgA);
    await join('bernd', 'Bernd Keller', 'DE', orgB);
    await mutate(ERASE, { id: 'bernd' }, admin, 1);
    await exerciseOtherContexts();
  });

  afterAll(async () => {
    await server?.stop();
  });

  /**
   * Gives every other aggregate type of the contract a stream of two changes, through its
   * mutations, so that the checks below cover each type.
   */
  async function exerciseOtherContexts(): Promise<void> {
    const need = {
      organisationId: orgA,
      title: 'Metal detectors for border crossings',
      description: 'Walk-through metal detectors',
      cpvCode: '35124000-9',
      quantity: 20,
      unit: 'unit',
      estimatedBudget: { amount: '250000.00', currency: 'EUR' },
      targetQuarter: '2028-Q2',
      approach: 'STANDARD',
      openToJointProcurement: true,
    };
    const needId = (await mutate(`mutation($input: DeclareNeedInput!) { declareNeed(input: $input) { version need { id } } }`, { input: need }, member)).need.id;
    await mutate(`mutation($id: ID!) { amendNeed(id: $id, changes: { quantity: 25 }) { version need { id } } }`, { id: needId }, member, 1);

    const buyerGroup = { name: 'Metal detectors', description: 'Joint purchase', cpvCode: '35124000-9', proposingOrganisationId: orgA, needIds: [needId] };
    const proposed = await mutate(`mutation($input: ProposeBuyerGroupInput!) { proposeBuyerGroup(input: $input) { version buyerGroup { id } } }`, { input: buyerGroup }, member);
    await mutate(
      `mutation($id: ID!, $org: ID!) { designateLeadProcurer(id: $id, organisationId: $org) { version buyerGroup { id } } }`,
      { id: proposed.buyerGroup.id, org: orgA },
      member,
      proposed.version,
    );

    const topicalGroup = { name: 'Ballistic protection', topic: 'Body armour', description: 'Common specifications' };
    const created = await mutate(`mutation($input: CreateTopicalGroupInput!) { createTopicalGroup(input: $input) { version topicalGroup { id } } }`, { input: topicalGroup }, admin);
    await mutate(
      `mutation($id: ID!, $m: ID!) { appointTopicalGroupLeader(id: $id, memberId: $m) { version topicalGroup { id } } }`,
      { id: created.topicalGroup.id, m: 'anna' },
      admin,
      created.version,
    );
  }

  describe('who may audit', () => {
    it('an auditor and an admin succeed where a member gets FORBIDDEN and an anonymous caller UNAUTHENTICATED', async () => {
      const operations: [string, Record<string, unknown>][] = [
        [HISTORY, { s: `organisation-${orgA}` }],
        [LOG, { f: null }],
        [VERIFY, { s: null }],
        [`query($id: ID!, $at: DateTime) { organisation(id: $id, asOf: $at) { id } }`, { id: orgA, at: new Date().toISOString() }],
        [`query($id: ID!, $at: DateTime) { member(id: $id, asOf: $at) { id } }`, { id: 'anna', at: new Date().toISOString() }],
      ];
      for (const [query, variables] of operations) {
        expect(codeOf(await server.graphql(query, variables, member))).toBe('FORBIDDEN');
        expect(codeOf(await server.graphql(query, variables))).toBe('UNAUTHENTICATED');
        for (const token of [auditor, admin]) {
          const result = await server.graphql(query, variables, token);
          expect(result.errors).toBeUndefined();
          expect(Object.values(result.data!)[0]).not.toBeNull();
        }
      }
    });

    it('a member may not follow the live log', async () => {
      const client = server.wsClient(member);
      try {
        const feed = subscribe(client, FOLLOW, {});
        await until(() => feed.errors.length > 0, 'the subscription was refused');
        expect((feed.errors[0] as { extensions?: { code?: string } }).extensions?.code).toBe('FORBIDDEN');
      } finally {
        await client.dispose();
      }
    });
  });

  describe('streamHistory', () => {
    it('pages one stream in revision order with the whole envelope and a linked hash chain', async () => {
      const streamId = `organisation-${orgA}`;
      const events: AuditEvent[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await history(streamId, 1, after);
        expect(page.edges.length).toBe(1);
        events.push(page.edges[0]!.node);
        expect(page.pageInfo.endCursor).toBe(page.edges[0]!.cursor);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor!;
      }
      expect(events.map((event) => [event.streamRevision, event.type])).toEqual([
        [0, 'OrganisationRegistered'],
        [1, 'OrganisationRenamed'],
        [2, 'OrganisationRenamed'],
        [3, 'OrganisationRenamed'],
      ]);
      expect(events.map((event) => event.data.name)).toEqual(['Agence des achats de sécurité', 'Name 1', 'Name 2', 'Name 3']);
      expect(events[0]!.previousHash).toBe(GENESIS_HASH);
      for (const [index, event] of events.entries()) {
        expect(event).toMatchObject({ streamId, actor: { subject: 'admin', roles: ['ADMIN'] }, causationId: null });
        expect(event.correlationId).toEqual(expect.any(String));
        expect(Date.parse(event.recordedAt)).not.toBeNaN();
        if (index > 0) {
          expect(event.previousHash).toBe(events[index - 1]!.hash);
          expect(event.position > events[index - 1]!.position).toBe(true);
        }
      }
      // The hash is the documented one, over the data as stored (no personal data here).
      const last = events[3]!;
      expect(last.hash).toBe(chainHash({ streamId, streamRevision: 3, type: last.type, data: last.data, previousHash: last.previousHash }));
      expect((await history(streamId, 2)).edges.map((edge) => edge.node.id)).toEqual(events.slice(0, 2).map((event) => event.id));
    });

    it('an unknown stream has an empty history; bad paging arguments are refused', async () => {
      expect(await history('organisation-nobody')).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
      const tooMany = await server.graphql(HISTORY, { s: `organisation-${orgA}`, first: 501 }, auditor);
      expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
      expect(codeOf(await server.graphql(HISTORY, { s: `organisation-${orgA}`, after: 'not-a-cursor' }, auditor))).toBe('BAD_USER_INPUT');
      const logCursor = (await auditLog(null, 1)).pageInfo.endCursor;
      expect(codeOf(await server.graphql(HISTORY, { s: `organisation-${orgA}`, after: logCursor }, auditor))).toBe('BAD_USER_INPUT');
    });

    it('shows the personal data of an erased member as erased, and others decrypted, the email to ADMIN only', async () => {
      const erased = (await history('member-bernd')).edges.map((edge) => edge.node);
      expect(erased.map((event) => event.type)).toEqual(['MemberJoinedCommunity', 'MemberPersonalDataErased']);
      expect(erased[0]!.data).toMatchObject({ memberId: 'bernd', displayName: '[erased]', email: '[erased]', country: 'DE' });
      const kept = (await history('member-anna')).edges[0]!.node;
      // The role table lets the member, ADMIN and their NCP read an email: not an AUDITOR.
      expect(kept.data).toMatchObject({ displayName: 'Anna Laurent', email: '[restricted]' });
      const asAdmin = (await server.ok<any>(HISTORY, { s: 'member-anna' }, admin)).streamHistory.edges[0].node;
      expect(asAdmin.data).toMatchObject({ displayName: 'Anna Laurent', email: 'anna@example.eu' });
    });
  });

  describe('auditLog', () => {
    it('pages the whole log in global order, with no gap and no duplicate', async () => {
      const whole = await wholeLog();
      const paged = await wholeLog(null, 3);
      expect(paged.map((event) => event.id)).toEqual(whole.map((event) => event.id));
      expect(new Set(whole.map((event) => event.id)).size).toBe(whole.length);
      for (let i = 1; i < whole.length; i += 1) expect(whole[i]!.position > whole[i - 1]!.position).toBe(true);
      // The log is the store itself.
      expect(whole.map((event) => event.id)).toEqual((await server.runtime.store.readAll()).map((event) => event.id));
    });

    it('filters by stream prefix, types, subject and a half-open time window', async () => {
      const whole = await wholeLog();
      const ids = (events: AuditEvent[]) => events.map((event) => event.id);

      const organisations = await wholeLog({ streamPrefix: 'organisation-' });
      expect(ids(organisations)).toEqual(ids(whole.filter((event) => event.streamId.startsWith('organisation-'))));
      expect(organisations.length).toBeGreaterThan(0);

      const renames = await wholeLog({ types: ['OrganisationRenamed', 'MemberPersonalDataErased'] });
      expect(renames.map((event) => event.type).sort()).toEqual(['MemberPersonalDataErased', 'OrganisationRenamed', 'OrganisationRenamed', 'OrganisationRenamed']);

      const byAdmin = await wholeLog({ subject: 'admin' });
      expect(ids(byAdmin)).toEqual(ids(whole.filter((event) => event.actor?.subject === 'admin')));
      expect(await wholeLog({ subject: 'nobody' })).toEqual([]);

      const from = whole[2]!.recordedAt;
      const to = whole[5]!.recordedAt;
      const window = await wholeLog({ from, to, streamPrefix: '' });
      const inWindow = (event: AuditEvent) => Date.parse(event.recordedAt) >= Date.parse(from) && Date.parse(event.recordedAt) < Date.parse(to);
      expect(ids(window)).toEqual(ids(whole.filter(inWindow)));
      expect(window.map((event) => event.id)).toContain(whole[2]!.id);
      expect(window.map((event) => event.id)).not.toContain(whole[5]!.id);
    });

    it('refuses a filter that cannot mean anything', async () => {
      const at = new Date().toISOString();
      expect(codeOf(await server.graphql(LOG, { f: { types: [] } }, auditor))).toBe('BAD_USER_INPUT');
      const reversed = await server.graphql(LOG, { f: { from: at, to: at } }, auditor);
      expect(reversed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
      expect(codeOf(await server.graphql(LOG, { after: 'bm9wZQ' }, auditor))).toBe('BAD_USER_INPUT');
    });

    it('every event one mutation recorded shares its correlation id, taken from x-correlation-id', async () => {
      expect(sent.length).toBeGreaterThanOrEqual(8);
      for (const mutation of sent) {
        const events = await wholeLog({ correlationId: mutation.correlationId });
        // The mutation's own events, on its aggregate's stream; what it caused on other streams
        // (a need pooled for a group event) names one of them as causation.
        const own = events.filter((event) => event.causationId === null);
        expect(own.length).toBe(mutation.events);
        expect(new Set(own.map((event) => event.streamId)).size).toBe(1);
        const ownIds = new Set(own.map((event) => event.id));
        for (const caused of events.filter((event) => event.causationId !== null)) expect(ownIds.has(caused.causationId!)).toBe(true);
        expect(events.map((event) => event.correlationId)).toEqual(events.map(() => mutation.correlationId));
      }
      // Without the header, each mutation gets its own.
      const plain = await server.ok<any>(REGISTER, { input: { name: 'Policia Judiciária', country: 'PT', kind: 'LAW_ENFORCEMENT' } }, admin);
      const [registered] = (await history(`organisation-${plain.registerOrganisation.organisation.id}`)).edges;
      expect(registered!.node.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(sent.map((mutation) => mutation.correlationId)).not.toContain(registered!.node.correlationId);
    });
  });

  describe('every aggregate type in the store', () => {
    it('has a verified history and answers asOf: null before creation, the earlier state in between, the present now', async () => {
      const whole = await wholeLog();
      const streams = new Map<string, AuditEvent[]>();
      for (const event of whole) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
      const byCategory = new Map<string, string>();
      for (const [streamId, events] of streams) {
        const category = categoryOf(streamId);
        if (!category) throw new Error(`stream ${streamId} is of no known aggregate type: add its asOf query to AGGREGATE_QUERIES`);
        const chosen = byCategory.get(category!);
        if (!chosen || events.length > streams.get(chosen)!.length) byCategory.set(category!, streamId);
      }
      // Every aggregate type must be there: a type missing from the log would go unchecked.
      expect([...byCategory.keys()].sort()).toEqual(Object.keys(AGGREGATE_QUERIES).sort());

      let earlierStatesSeen = 0;
      for (const [category, streamId] of byCategory) {
        const events = streams.get(streamId)!;
        const id = streamId.slice(category.length + 1);
        const field = AGGREGATE_QUERIES[category]!;
        const query = `query($id: ID!, $at: DateTime) { ${field}(id: $id, asOf: $at) { id version } }`;
        const asOf = async (at: Date | null) => (await server.ok<any>(query, { id, at: at?.toISOString() ?? null }, auditor))[field];

        expect((await history(streamId)).edges.map((edge) => edge.node.id)).toEqual(events.map((event) => event.id));
        expect(events.map((event) => event.streamRevision)).toEqual(events.map((_event, index) => index));
        const verified = (await server.ok<any>(VERIFY, { s: streamId }, auditor)).verifyAuditTrail;
        expect([category, verified]).toEqual([category, expect.objectContaining({ valid: true, streamsChecked: 1, eventsChecked: events.length, firstInvalidEvent: null })]);

        const created = new Date(events[0]!.recordedAt);
        expect([category, await asOf(new Date(created.getTime() - 1))]).toEqual([category, null]);
        // At the first change: the state folded from the events recorded up to that instant.
        const earlier = events.filter((event) => Date.parse(event.recordedAt) <= created.getTime()).length;
        expect([category, await asOf(created)]).toEqual([category, { id, version: earlier }]);
        if (earlier < events.length) earlierStatesSeen += 1;
        const now = await asOf(new Date());
        const live = (await server.ok<any>(`query($id: ID!) { ${field}(id: $id) { id version } }`, { id }, auditor))[field];
        expect([category, now]).toEqual([category, { id, version: events.length }]);
        expect(now).toEqual(live);
        expect(codeOf(await server.graphql(query, { id, at: new Date().toISOString() }, member))).toBe('FORBIDDEN');
      }
      // Commands a request apart land in different milliseconds: some state in between was seen.
      expect(earlierStatesSeen).toBeGreaterThan(0);
    });

    it('an organisation as of each rename shows the name it had then', async () => {
      const events = (await history(`organisation-${orgA}`)).edges.map((edge) => edge.node);
      const query = `query($id: ID!, $at: DateTime) { organisation(id: $id, asOf: $at) { name version } }`;
      for (const event of events) {
        const at = Date.parse(event.recordedAt);
        const upTo = events.filter((other) => Date.parse(other.recordedAt) <= at);
        const state = (await server.ok<any>(query, { id: orgA, at: event.recordedAt }, auditor)).organisation;
        expect(state).toEqual({ name: upTo.at(-1)!.data.name, version: upTo.length });
      }
      expect(events.length).toBe(4);
    });
  });

  describe('verifyAuditTrail', () => {
    it('answers NOT_FOUND for a stream with no event, rather than a valid empty verification', async () => {
      for (const streamId of ['typo', 'organisation-nobody', `organisation-${orgA.toUpperCase()}x`]) {
        const result = await server.graphql(VERIFY, { s: streamId }, auditor);
        expect([streamId, result.errors?.[0]?.extensions]).toEqual([streamId, { code: 'NOT_FOUND', id: streamId }]);
        expect(result.data ?? null).toBeNull();
      }
      // Still the auditors' question: a member is refused before anything is looked up.
      expect(codeOf(await server.graphql(VERIFY, { s: 'typo' }, member))).toBe('FORBIDDEN');
      expect((await server.ok<any>(VERIFY, { s: `organisation-${orgA}` }, auditor)).verifyAuditTrail).toMatchObject({ valid: true, streamsChecked: 1 });
    });

    it('verifies every stream of the untouched store', async () => {
      const whole = await wholeLog();
      const result = (await server.ok<any>(VERIFY, { s: null }, auditor)).verifyAuditTrail;
      expect(result).toEqual({
        valid: true,
        streamsChecked: new Set(whole.map((event) => event.streamId)).size,
        eventsChecked: whole.length,
        reason: null,
        kind: null,
        brokenStreams: [],
        firstInvalidEvent: null,
      });
    });
  });

  describe('eventRecorded', () => {
    it('pushes each matching event to an auditor as it is recorded', async () => {
      const client = server.wsClient(auditor);
      try {
        const feed = subscribe<{ eventRecorded: AuditEvent }>(client, FOLLOW, { f: { streamPrefix: 'organisation-' } });
        // Renames a probe organisation until the feed is live, so nothing below can race it.
        const probe = (await server.ok<any>(REGISTER, { input: { name: 'Probe', country: 'BE', kind: 'OTHER' } }, admin)).registerOrganisation.organisation.id;
        for (let n = 0; feed.received.length === 0; n += 1) {
          await server.ok(RENAME, { id: probe, name: `Probe ${n}` }, admin);
          await until(() => feed.received.length > 0, 'the feed is live', 500).catch(() => undefined);
          expect(n).toBeLessThan(50);
        }
        const created = (await server.ok<any>(REGISTER, { input: { name: 'Guardia Civil', country: 'ES', kind: 'LAW_ENFORCEMENT' } }, admin))
          .registerOrganisation.organisation.id;
        await server.ok(JOIN, { input: { id: 'carmen', displayName: 'Carmen Ruiz', email: 'carmen@example.eu', country: 'ES', organisationId: created } }, admin);
        await server.ok(RENAME, { id: created, name: 'Guardia Civil española' }, admin);
        const stream = `organisation-${created}`;
        await until(() => feed.received.filter((message) => message.eventRecorded.streamId === stream).length >= 2, 'both events arrived');
        const mine = feed.received.map((message) => message.eventRecorded).filter((event) => event.streamId === stream);
        expect(mine.map((event) => [event.streamRevision, event.type, event.data.name])).toEqual([
          [0, 'OrganisationRegistered', 'Guardia Civil'],
          [1, 'OrganisationRenamed', 'Guardia Civil española'],
        ]);
        expect(mine[1]!.previousHash).toBe(mine[0]!.hash);
        expect(feed.received.every((message) => message.eventRecorded.streamId.startsWith('organisation-'))).toBe(true);
        expect(feed.errors).toEqual([]);
      } finally {
        await client.dispose();
      }
    });
  });

  // Edits the embedded store's file directly: there is no such file on EventStoreDB.
  const sqliteOnly = TEST_EVENT_STORE === 'sqlite' ? describe : describe.skip;
  sqliteOnly('tampering with the SQLite file is detected, naming the right event', () => {
    let snapshot: string;
    let stream: string;
    let rows: { event_id: string; stream_revision: number; position: number }[];

    beforeAll(async () => {
      snapshot = snapshotDataDir(server);
      stream = `organisation-${orgA}`;
      const db = new Database(join(snapshot, 'events.db'), { readonly: true });
      rows = db.prepare('SELECT event_id, stream_revision, position FROM events WHERE stream_id = ? ORDER BY stream_revision').all(stream) as typeof rows;
      db.close();
      expect(rows.map((row) => row.stream_revision)).toEqual([0, 1, 2, 3]);
    });

    afterAll(() => rmSync(snapshot, { recursive: true, force: true }));

    /** Starts a server on a tampered copy of the snapshot and asks it to verify. */
    async function verifyTampered(tamper: (db: Database.Database) => void): Promise<{ whole: any; single: any }> {
      const copy = mkdtempSync(join(tmpdir(), 'concord-tampered-'));
      copyDir(snapshot, copy);
      const db = new Database(join(copy, 'events.db'));
      db.transaction(() => tamper(db))();
      db.close();
      const tampered = await ConcordServer.start({ dataDir: copy });
      try {
        const token = await tampered.token('auditor-2', ['AUDITOR']);
        const whole = (await tampered.ok<any>(VERIFY, { s: null }, token)).verifyAuditTrail;
        const single = (await tampered.ok<any>(VERIFY, { s: stream }, token)).verifyAuditTrail;
        return { whole, single };
      } finally {
        await tampered.stop();
        rmSync(copy, { recursive: true, force: true });
      }
    }

    function expectNamed(result: { whole: any; single: any }, eventId: string, revision: number, kind: string, reason: RegExp) {
      for (const verdict of [result.whole, result.single]) {
        expect(verdict).toMatchObject({ valid: false, kind, brokenStreams: [stream], firstInvalidEvent: { id: eventId, streamId: stream, streamRevision: revision } });
        expect(verdict.reason).toMatch(reason);
      }
    }

    it('an edited data field', async () => {
      const result = await verifyTampered((db) =>
        db.prepare(`UPDATE events SET data = json_set(data, '$.name', 'Forged name') WHERE stream_id = ? AND stream_revision = 2`).run(stream),
      );
      expectNamed(result, rows[2]!.event_id, 2, 'altered', /type or data was changed/);
    });

    it('an edited type', async () => {
      const result = await verifyTampered((db) =>
        db.prepare(`UPDATE events SET type = 'OrganisationLeftNetwork' WHERE stream_id = ? AND stream_revision = 1`).run(stream),
      );
      expectNamed(result, rows[1]!.event_id, 1, 'altered', /type or data was changed/);
    });

    it('an edited actor in the metadata', async () => {
      const result = await verifyTampered((db) =>
        db.prepare(`UPDATE events SET metadata = json_set(metadata, '$.actor.subject', 'mallory') WHERE stream_id = ? AND stream_revision = 1`).run(stream),
      );
      expectNamed(result, rows[1]!.event_id, 1, 'envelope-altered', /does not match its envelopeHash/);
    });

    it('an edited recording time in the metadata', async () => {
      const result = await verifyTampered((db) =>
        db
          .prepare(`UPDATE events SET metadata = json_set(metadata, '$.recordedAt', '2020-01-01T00:00:00.000Z') WHERE stream_id = ? AND stream_revision = 3`)
          .run(stream),
      );
      expectNamed(result, rows[3]!.event_id, 3, 'envelope-altered', /does not match its envelopeHash/);
    });

    it('a deleted event: the event after the gap is named', async () => {
      const result = await verifyTampered((db) => db.prepare('DELETE FROM events WHERE stream_id = ? AND stream_revision = 1').run(stream));
      expectNamed(result, rows[2]!.event_id, 2, 'missing', /revision 1 is missing/);
    });

    it('two events swapped: the first slot holding the other event is named', async () => {
      const result = await verifyTampered((db) => {
        const [a, b] = [1, 2].map((revision) =>
          db.prepare('SELECT type, data, metadata FROM events WHERE stream_id = ? AND stream_revision = ?').get(stream, revision),
        ) as { type: string; data: string; metadata: string }[];
        const put = db.prepare('UPDATE events SET type = ?, data = ?, metadata = ? WHERE stream_id = ? AND stream_revision = ?');
        put.run(b!.type, b!.data, b!.metadata, stream, 1);
        put.run(a!.type, a!.data, a!.metadata, stream, 2);
      });
      expectNamed(result, rows[1]!.event_id, 1, 'moved', /recorded as revision 2/);
    });

    it('an event inserted with a correctly forged hash, later revisions shifted: the inserted event is named', async () => {
      const forgedId = newId();
      const result = await verifyTampered((db) => {
        const before = db.prepare('SELECT metadata FROM events WHERE stream_id = ? AND stream_revision = 1').get(stream) as { metadata: string };
        const envelope = JSON.parse(before.metadata) as Record<string, unknown>;
        const data = { organisationId: orgA, name: 'Inserted name' };
        const previousHash = String(envelope['hash']);
        const hash = chainHash({ streamId: stream, streamRevision: 2, type: 'OrganisationRenamed', data, previousHash });
        db.prepare('UPDATE events SET stream_revision = -stream_revision - 100 WHERE stream_id = ? AND stream_revision >= 2').run(stream);
        db.prepare('UPDATE events SET stream_revision = -stream_revision - 100 + 1 WHERE stream_id = ? AND stream_revision < 0').run(stream);
        db.prepare(
          'INSERT INTO events (event_id, stream_id, stream_revision, type, data, metadata, recorded_at) VALUES (?, ?, 2, ?, ?, ?, ?)',
        ).run(forgedId, stream, 'OrganisationRenamed', JSON.stringify(data), JSON.stringify({ ...envelope, eventId: forgedId, previousHash, hash }), new Date().toISOString());
      });
      expectNamed(result, forgedId, 2, 'inserted', /not part of the recorded chain/);
    });
  });
});

/**
 * A consistent copy of a running server's data: SQLite files through VACUUM INTO (the live
 * files are in WAL mode, a file copy could be torn), the read models with their pointer, and
 * the token secret.
 */
function snapshotDataDir(server: ConcordServer): string {
  const target = mkdtempSync(join(tmpdir(), 'concord-snapshot-'));
  const vacuum = (from: string, to: string) => {
    const db = new Database(from, { readonly: true });
    db.prepare('VACUUM INTO ?').run(to);
    db.close();
  };
  vacuum(join(server.dataDir, 'events.db'), join(target, 'events.db'));
  vacuum(join(server.dataDir, 'keys.db'), join(target, 'keys.db'));
  const readModels = server.runtime.readModels.currentFile;
  mkdirSync(join(target, 'read-models'));
  vacuum(readModels, join(target, 'read-models', basename(readModels)));
  writeFileSync(join(target, 'read-models', 'CURRENT'), basename(readModels));
  copyFileSync(join(server.dataDir, 'jwt-secret'), join(target, 'jwt-secret'));
  return target;
}

function copyDir(from: string, to: string): void {
  for (const file of ['events.db', 'keys.db', 'jwt-secret']) copyFileSync(join(from, file), join(to, file));
  mkdirSync(join(to, 'read-models'));
  for (const file of ['CURRENT', ...readdirNames(join(from, 'read-models'))]) copyFileSync(join(from, 'read-models', file), join(to, 'read-models', file));
}

function readdirNames(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.db'));
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
