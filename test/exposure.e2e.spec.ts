import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConcordServer, codeOf } from './support/concord-server.js';
import { RawGraphQLWs } from './support/raw-graphql-ws.js';

/** What an anonymous caller may learn about the API and its process. */
describe('exposure settings', () => {
  const METRICS_TOKEN = 'a-metrics-token-for-this-test';
  let server: ConcordServer;
  let admin: string;

  beforeAll(async () => {
    server = await ConcordServer.start({ env: { CONCORD_METRICS_TOKEN: METRICS_TOKEN } });
    admin = await server.adminToken();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers introspection to authenticated callers only, over both transports', async () => {
    const introspection = `{ __schema { queryType { name } } }`;
    expect(codeOf(await server.graphql(introspection))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.graphql(`{ __type(name: "Member") { name } }`))).toBe('UNAUTHENTICATED');
    expect((await server.graphql(introspection, {}, admin)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const anonymous = await RawGraphQLWs.connect(server.url);
    try {
      anonymous.subscribe('schema', introspection);
      expect(codeOf((await anonymous.result('schema')) as any)).toBe('UNAUTHENTICATED');
    } finally {
      anonymous.close();
    }
  });

  it('suggests field names to authenticated callers only, over both transports', async () => {
    const misspelt = `{ organisatons { totalCount } }`;
    const anonymous = await server.graphql(misspelt);
    expect(codeOf(anonymous)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(anonymous.errors?.[0]?.message).not.toContain('Did you mean');
    expect((await server.graphql(misspelt, {}, admin)).errors?.[0]?.message).toContain('Did you mean "organisations"');
    const ws = await RawGraphQLWs.connect(server.url);
    try {
      ws.subscribe('misspelt', misspelt);
      const result = await ws.result('misspelt');
      expect(result.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(result.errors[0].message).not.toContain('Did you mean');
    } finally {
      ws.close();
    }
  });

  it('serves /metrics to holders of the metrics token only', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(401);
    const metrics = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('concord_projections_caught_up');
  });

  it('does not serve /metrics on the API port without a token, and serves it on a metrics port', async () => {
    const other = await ConcordServer.start({ env: { CONCORD_METRICS_PORT: '0' } });
    try {
      expect((await fetch(`${other.url}/metrics`)).status).toBe(404);
      const { MetricsServer } = await import('../apps/api/src/metrics/metrics.controller.js');
      const port = other.app.get(MetricsServer).port;
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('concord_graphql_operations_total');
    } finally {
      await other.stop();
    }
  });
});
