import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { ConcordServer, TEST_EVENT_STORE, codeOf } from './support/concord-server.js';

const METRICS_TOKEN = 'metrics-token-for-the-smoke-test';

describe('API smoke', () => {
  let server: ConcordServer;
  beforeAll(async () => {
    server = await ConcordServer.start({ env: { CONCORD_METRICS_TOKEN: METRICS_TOKEN } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('serves liveness and readiness', async () => {
    const live = await fetch(`${server.url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', eventStore: { kind: TEST_EVENT_STORE, reachable: true }, projections: { caughtUp: true } });
  });

  it('is not ready while the read models lag behind the store', async () => {
    const { runner, store } = server.runtime;
    await runner.stop();
    const appended = await store.append('probe-1', [{ id: randomUUID(), type: 'ProbeRecorded', data: {} }]);
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(503);
    runner.start();
    await runner.waitFor(appended.position);
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
  });

  it('refuses operations nested deeper than 12 fields, through fragments too', async () => {
    const admin = await server.adminToken();
    // organisations > edges > node > members > organisation > members > …
    const nested = (levels: number) => {
      let inner = 'id';
      for (let i = levels - 1; i >= 0; i -= 1) inner = i % 2 === 0 ? `members { ${inner} }` : `organisation { ${inner} }`;
      return `{ organisations { edges { node { ${inner} } } } }`;
    };
    expect((await server.graphql(nested(8), {}, admin)).errors).toBeUndefined(); // 3 + 8 + 1 = 12 deep
    const tooDeep = await server.graphql(nested(9), {}, admin);
    expect(codeOf(tooDeep)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(tooDeep.errors?.[0]?.message).toContain('13 fields deep');
    const viaFragment = await server.graphql(
      `fragment M on Member { organisation { members { organisation { members { organisation { members { id } } } } } } }
       { organisations { edges { node { members { organisation { members { ...M } } } } } } }`,
      {},
      admin,
    );
    expect(codeOf(viaFragment)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a DateTime that is not an instant with a time zone', async () => {
    const auditor = await server.token('auditor', ['AUDITOR']);
    for (const asOf of ['yesterday', '2099-13-45T00:00:00Z', '', '12345', '2027-03-01T10:00:00', '2027-02-30T10:00:00Z']) {
      const result = await server.graphql(`query($asOf: DateTime) { organisation(id: "x", asOf: $asOf) { id } }`, { asOf }, auditor);
      expect([asOf, codeOf(result)]).toEqual([asOf, 'BAD_USER_INPUT']);
    }
    const literal = await server.graphql(`{ organisation(id: "x", asOf: "2027-02-30T10:00:00+02:00") { id } }`, {}, auditor);
    expect(codeOf(literal)).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const asOf of ['2027-03-01T10:00:00Z', '2027-03-01T10:00:00.123+02:00', '2027-03-01T00:30:00+02:00']) {
      const result = await server.graphql(`query($asOf: DateTime) { organisation(id: "x", asOf: $asOf) { id } }`, { asOf }, auditor);
      expect([asOf, result.errors]).toEqual([asOf, undefined]);
    }
  });

  it('answers an unexpected failure with INTERNAL_SERVER_ERROR and no trace of where it happened', async () => {
    // An instance of its own: its read models are broken on purpose.
    const broken = await ConcordServer.start();
    try {
      const admin = await broken.adminToken();
      await broken.ok(`mutation { registerOrganisation(input: { name: "Politie", country: "NL", kind: LAW_ENFORCEMENT }) { version } }`, {}, admin);
      broken.runtime.readModels.db.close();
      const result = await broken.graphql(`{ organisations { totalCount edges { node { id name } } } }`, {}, admin);
      expect(result.data ?? null).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]).toMatchObject({ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(Object.keys(result.errors![0]!.extensions!)).toEqual(['code']);
      const text = JSON.stringify(result);
      for (const leak of ['at ', '.ts:', '.js:', 'node_modules', 'SqliteError', 'database connection', 'stacktrace']) {
        expect([leak, text.includes(leak)]).toEqual([leak, false]);
      }
    } finally {
      // ReadModelDatabase.close() skips a handle that is already closed: stopping must not throw.
      await expect(broken.stop()).resolves.toBeUndefined();
    }
  });

  it('answers malformed JSON and oversized bodies in GraphQL error shape with a code', async () => {
    const post = (body: string) =>
      fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const malformed = await post('{"query": "{ organ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    const huge = await post(JSON.stringify({ query: `{ organisations { totalCount } }`, variables: { x: 'a'.repeat(1_100_000) } }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST', status: 413 } }] });
  });

  it('registers an organisation and reads it back', async () => {
    const admin = await server.adminToken();
    const created = await server.ok<any>(
      `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { version position organisation { id name country kind active version members { id } } } }`,
      { input: { name: 'Ministère de l’Intérieur', country: 'FR', kind: 'MINISTRY' } },
      admin,
    );
    expect(created.registerOrganisation.organisation).toMatchObject({ name: 'Ministère de l’Intérieur', country: 'FR', version: 1 });
    const listed = await server.ok<any>(`{ organisations { totalCount edges { node { name } } } }`, {}, admin);
    expect(listed.organisations.totalCount).toBe(1);
    expect(codeOf(await server.graphql(`{ organisations { totalCount } }`))).toBe('UNAUTHENTICATED');
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(metrics).toContain('concord_graphql_operations_total{operation="mutation",outcome="OK"} 1');
    expect(metrics).toContain('concord_graphql_operations_total{operation="query",outcome="UNAUTHENTICATED"} 1');
    expect(metrics).toContain('concord_projections_caught_up 1');
  });
});
