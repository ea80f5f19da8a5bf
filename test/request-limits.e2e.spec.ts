import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConcordServer, codeOf, type GraphQLResponse } from './support/concord-server.js';
import { RawGraphQLWs } from './support/raw-graphql-ws.js';

/**
 * Request limits, replayed as the attacks that found them missing: every limit refuses before
 * anything runs, with GRAPHQL_VALIDATION_FAILED and a message naming the limit, over HTTP and
 * graphql-ws alike.
 */

/** `count` fragments, each spreading the next twice: a few hundred bytes, 2^count paths. */
function chainedFragments(count: number): string {
  const fragments = [];
  for (let i = 0; i < count - 1; i += 1) fragments.push(`fragment F${i} on Organisation { ...F${i + 1} ...F${i + 1} }`);
  fragments.push(`fragment F${count - 1} on Organisation { id name }`);
  return `{ organisations { edges { node { ...F0 } } } } ${fragments.join(' ')}`;
}

/** organisations > edges > node > members > organisation > members > … `levels` deep below node. */
function nested(levels: number): string {
  let inner = 'id';
  for (let i = levels - 1; i >= 0; i -= 1) inner = i % 2 === 0 ? `members { ${inner} }` : `organisation { ${inner} }`;
  return `{ organisations { edges { node { ${inner} } } } }`;
}

const ORGANISATIONS = `organisations(first: 500) { edges { node { members { organisation { members { id displayName country } } } } } }`;

function aliases(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${ORGANISATIONS}`).join(' ')} }`;
}

describe('request limits', () => {
  let server: ConcordServer;
  let admin: string;

  beforeAll(async () => {
    server = await ConcordServer.start({ env: { CONCORD_MAX_RESPONSE_BYTES: '1024' } });
    admin = await server.adminToken();
    for (const [name, country] of [['Police nationale', 'FR'], ['Hraničná polícia', 'SK'], ['Politsei', 'EE']]) {
      const created = await server.ok<any>(
        `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { organisation { id } } }`,
        { input: { name, country, kind: 'LAW_ENFORCEMENT' } },
        admin,
      );
      for (let i = 0; i < 3; i += 1) {
        await server.ok(
          `mutation($input: JoinCommunityInput!) { joinCommunity(input: $input) { version } }`,
          { input: { displayName: `${name} ${i}`, email: `m${i}@${country}.example.eu`, country, organisationId: created.registerOrganisation.organisation.id } },
          admin,
        );
      }
    }
  });
  afterAll(async () => {
    await server.stop();
  });

  const expectRefused = (result: GraphQLResponse, limit: string) => {
    expect(result.data ?? null).toBeNull();
    expect(codeOf(result)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toContain(limit);
  };

  it(
    'validates 40 chained fragments at once, without a token, while the health check still answers',
    async () => {
      const document = chainedFragments(40);
      expect(document.length).toBeLessThan(2_000);
      const [anonymous, authenticated, health] = await Promise.all([
        server.graphql(document),
        server.graphql(document, {}, admin),
        fetch(`${server.url}/health/live`),
      ]);
      expect(health.status).toBe(200);
      // Anonymous callers are refused too, but only after validation has had its say.
      expect(codeOf(anonymous)).toBe('GRAPHQL_VALIDATION_FAILED');
      expectRefused(authenticated, 'cost limit');
    },
    15_000,
  );

  it('refuses over graphql-ws what it refuses over HTTP: depth, fragments, aliases, cost', async () => {
    const ws = await RawGraphQLWs.connect(server.url, admin);
    try {
      ws.subscribe('deep', nested(16));
      expectRefused(await ws.result('deep'), 'depth limit');
      ws.subscribe('fragments', chainedFragments(40));
      expectRefused(await ws.result('fragments', 15_000), 'cost limit');
      ws.subscribe('aliases', aliases(30));
      expectRefused(await ws.result('aliases'), 'alias limit');
      ws.subscribe('ok', `{ organisations { totalCount } }`);
      expect(await ws.result('ok')).toEqual({ data: { organisations: { totalCount: 3 } } });
    } finally {
      ws.close();
    }
    const http = await server.graphql(nested(16), {}, admin);
    expectRefused(http, 'depth limit');
  });

  it('refuses 30 aliases of a nested list, and a cost beyond the limit, before running anything', async () => {
    expectRefused(await server.graphql(aliases(30), {}, admin), 'alias limit');
    expect((await server.graphql(aliases(30), {}, admin)).errors?.[0]?.message).toContain('30 aliases; at most 15');
    // Within the alias limit, but two 500-node pages of nested lists cost too much.
    expectRefused(await server.graphql(aliases(2), {}, admin), 'cost limit');
    expect((await server.graphql(`{ ${ORGANISATIONS} }`, {}, admin)).errors?.[0]?.extensions?.['code']).not.toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses too many directives and too many tokens', async () => {
    const directives = `{ organisations { ${Array.from({ length: 30 }, () => '... @include(if: true) { totalCount }').join(' ')} } }`;
    expectRefused(await server.graphql(directives, {}, admin), 'directive limit');
    const tokens = await server.graphql(`{ organisations { ${'totalCount '.repeat(6_000)} } }`, {}, admin);
    expect(codeOf(tokens)).toBe('GRAPHQL_PARSE_FAILED');
    expect(tokens.errors?.[0]?.message).toContain('tokens');
  });

  it('caps the size of an answer, over HTTP and graphql-ws', async () => {
    const large = `{ organisations { edges { node { id name country kind members { id displayName email country } } } } }`;
    const http = await server.graphql(large, {}, admin);
    expect(http.data ?? null).toBeNull();
    expect(codeOf(http)).toBe('RESPONSE_TOO_LARGE');
    expect(http.errors?.[0]?.message).toContain('response size limit');
    const ws = await RawGraphQLWs.connect(server.url, admin);
    try {
      ws.subscribe('large', large);
      const result = await ws.result('large');
      expect(result.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
    } finally {
      ws.close();
    }
  });
});
