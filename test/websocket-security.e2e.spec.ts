import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { ConcordServer } from './support/concord-server.js';
import { RawGraphQLWs } from './support/raw-graphql-ws.js';
import { needDetails } from '../libs/needs/test/support/need-details.js';

/** graphql-ws and slow clients, replayed as the attacks that found them open. */
describe('WebSocket and slow clients', () => {
  let server: ConcordServer;
  let admin: string;
  let organisationId: string;

  const JOIN = `mutation($input: JoinCommunityInput!) { joinCommunity(input: $input) { member { id } } }`;
  const DECLARE = `mutation($input: DeclareNeedInput!) { declareNeed(input: $input) { need { id } } }`;
  const need = (title: string) =>
    needDetails({ organisationId, title, description: 'Walk-through metal detectors for border crossings', cpvCode: '35124000-9', quantity: 4, estimatedBudget: { amount: '40000.00', currency: 'EUR' } });

  beforeAll(async () => {
    server = await ConcordServer.start({
      env: { CONCORD_WS_INIT_TIMEOUT_MS: '300', CONCORD_HTTP_IDLE_TIMEOUT_MS: '500', CONCORD_WS_MAX_MESSAGE_BYTES: '65536' },
    });
    admin = await server.adminToken();
    const created = await server.ok<any>(
      `mutation { registerOrganisation(input: { name: "Politsei", country: "EE", kind: "LAW_ENFORCEMENT" }) { organisation { id } } }`.replace('"LAW_ENFORCEMENT"', 'LAW_ENFORCEMENT'),
      {},
      admin,
    );
    organisationId = created.registerOrganisation.organisation.id;
    for (const id of ['kadri', 'mart']) {
      await server.ok(JOIN, { input: { id, displayName: id, email: `${id}@politsei.example.eu`, country: 'EE', organisationId } }, admin);
    }
  });
  afterAll(async () => {
    await server.stop();
  });

  it('closes a socket with 4401 when its token expires, whatever it was streaming', async () => {
    const ws = await RawGraphQLWs.connect(server.url, await server.token('kadri', [], '2s'));
    ws.subscribe('updates', `subscription { buyerGroupUpdated { id } }`);
    ws.subscribe('declare', DECLARE, { input: need('before expiry') });
    expect((await ws.result('declare')).data.declareNeed.need.id).toBeTruthy();
    const closed = await ws.waitForClose(6_000);
    expect(closed.code).toBe(4401);
    expect(closed.reason).toContain('expired');
    // Nothing sent afterwards reaches the server: the needs are the one declared before.
    const needs = await server.ok<any>(`{ needs { totalCount } }`, {}, admin);
    expect(needs.needs.totalCount).toBe(1);
  });

  it('refuses an operation sent after the token expired, before the timer fires', async () => {
    const ws = await RawGraphQLWs.connect(server.url, await server.token('mart', [], '1s'));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    if (ws.open) {
      ws.subscribe('late', DECLARE, { input: need('after expiry') });
    }
    expect((await ws.waitForClose()).code).toBe(4401);
    const needs = await server.ok<any>(`{ needs { edges { node { title } } } }`, {}, admin);
    expect(JSON.stringify(needs)).not.toContain('after expiry');
  });

  it('checks community membership and erasure for every operation on an open socket', async () => {
    await server.ok(JOIN, { input: { id: 'liis', displayName: 'Liis', email: 'liis@politsei.example.eu', country: 'EE', organisationId } }, admin);
    const token = await server.token('liis');
    const ws = await RawGraphQLWs.connect(server.url, token);
    ws.subscribe('first', DECLARE, { input: need('while a member') });
    expect((await ws.result('first')).data.declareNeed.need.id).toBeTruthy();
    ws.subscribe('watch', `subscription { buyerGroupUpdated { id } }`);
    await server.ok(`mutation { eraseMemberPersonalData(memberId: "liis") { member { id } } }`, {}, token);
    ws.subscribe('second', DECLARE, { input: need('after leaving') });
    // Refused (FORBIDDEN), and the socket of someone who left the community is closed.
    expect((await ws.waitForClose()).code).toBe(4403);
    const needs = await server.ok<any>(`{ needs { edges { node { title } } } }`, {}, admin);
    expect(JSON.stringify(needs)).toContain('while a member');
    expect(JSON.stringify(needs)).not.toContain('after leaving');
  });

  it('limits subscriptions per connection', async () => {
    const ws = await RawGraphQLWs.connect(server.url, admin);
    try {
      for (let i = 0; i < 50; i += 1) ws.subscribe(`s${i}`, `subscription { buyerGroupUpdated { id } }`);
      ws.subscribe('one-too-many', `subscription { buyerGroupUpdated { id } }`);
      const refused = await ws.result('one-too-many');
      expect(refused.errors[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
      expect(refused.errors[0].message).toContain('per connection');
      expect(ws.messages.filter((m) => m['type'] === 'error')).toHaveLength(1);
    } finally {
      ws.close();
    }
  });

  it('caps WebSocket messages like HTTP bodies', async () => {
    const ws = await RawGraphQLWs.connect(server.url, admin);
    ws.subscribe('huge', `{ organisations { totalCount } }`, { padding: 'x'.repeat(70_000) });
    expect((await ws.waitForClose()).code).toBe(1009);
  });

  it('closes a connection that never initialises', async () => {
    const ws = await RawGraphQLWs.open(server.url);
    expect((await ws.waitForClose(3_000)).code).toBe(4408);
  });

  it('cuts off a client that sends its request body slowly, and bounds header and keep-alive waits', async () => {
    const http = server.app.getHttpServer();
    expect(http.headersTimeout).toBe(10_000);
    expect(http.requestTimeout).toBe(30_000);
    expect(http.keepAliveTimeout).toBe(5_000);
    const address = new URL(server.url);
    const socket = connect(Number(address.port), address.hostname);
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const started = Date.now();
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
    // Without a timeout Node would hold this socket for 300 s; the test's own timeout is 30 s.
    const at = await closed;
    expect(at - started).toBeGreaterThanOrEqual(400);
  });
});
