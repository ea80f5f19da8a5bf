import { afterAll, describe, expect, it } from '@jest/globals';
import { ConcordServer, codeOf } from './support/concord-server.js';
import { RawGraphQLWs } from './support/raw-graphql-ws.js';

/** A client that floods the API is told when to come back, and nobody else notices. */
describe('rate limits', () => {
  const servers: ConcordServer[] = [];
  const start = async (env: Record<string, string>) => {
    const server = await ConcordServer.start({ env });
    servers.push(server);
    return server;
  };
  afterAll(async () => {
    for (const server of servers) await server.stop();
  });

  const REGISTER = `mutation($name: String!) { registerOrganisation(input: { name: $name, country: "FR", kind: MINISTRY }) { version } }`;

  it('limits mutations per caller, with RATE_LIMITED, retryAfter and a Retry-After header', async () => {
    const server = await start({ CONCORD_RATE_LIMIT_MUTATIONS: '3', CONCORD_RATE_LIMIT_WINDOW_SECONDS: '60' });
    const flooder = await server.token('flooder', ['ADMIN']);
    for (let i = 0; i < 3; i += 1) await server.ok(REGISTER, { name: `Ministry ${i}` }, flooder);
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${flooder}` },
      body: JSON.stringify({ query: REGISTER, variables: { name: 'One too many' } }),
    });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter });
    // Over graphql-ws the same caller is limited too; another caller is not, and reads go on.
    const ws = await RawGraphQLWs.connect(server.url, flooder);
    ws.subscribe('again', REGISTER, { name: 'Over the socket' });
    expect(codeOf(await ws.result('again'))).toBe('RATE_LIMITED');
    ws.close();
    const other = await server.token('other', ['ADMIN']);
    await server.ok(REGISTER, { name: 'Someone else' }, other);
    const listed = await server.ok<any>(`{ organisations { totalCount } }`, {}, flooder);
    expect(listed.organisations.totalCount).toBe(4);
  });

  it('limits requests per client address, valid or not, over HTTP and graphql-ws', async () => {
    const server = await start({ CONCORD_RATE_LIMIT_REQUESTS: '5', CONCORD_RATE_LIMIT_WINDOW_SECONDS: '60' });
    const ws = await RawGraphQLWs.connect(server.url);
    for (let i = 0; i < 4; i += 1) expect(codeOf(await server.graphql(`{ not valid`))).toBe('GRAPHQL_PARSE_FAILED');
    ws.subscribe('fifth', `{ organisations { totalCount } }`);
    expect(codeOf(await ws.result('fifth'))).toBe('UNAUTHENTICATED');
    ws.subscribe('sixth', `{ organisations { totalCount } }`);
    expect(codeOf(await ws.result('sixth'))).toBe('RATE_LIMITED');
    ws.close();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organisations { totalCount } }' }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    // The health checks are not GraphQL requests: the orchestrator keeps seeing the instance.
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
  });
});
