import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { ConcordServer, codeOf } from './support/concord-server.js';

/** Tokens an attacker could forge with a leaked or guessed secret, or mint to live forever. */
describe('bearer tokens', () => {
  const SECRET = 'a-test-secret-of-at-least-thirty-two-bytes';
  let server: ConcordServer;

  const sign = (claims: Record<string, unknown>, { iat, exp }: { iat?: number; exp: number }) => {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setExpirationTime(exp);
    if (iat !== undefined) jwt.setIssuedAt(iat);
    return jwt.sign(new TextEncoder().encode(SECRET));
  };
  const now = () => Math.floor(Date.now() / 1000);
  const post = (authorization: string) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: '{ myRoles }' }),
    }).then((response) => response.json() as Promise<any>);

  beforeAll(async () => {
    server = await ConcordServer.start({ env: { CONCORD_JWT_SECRET: SECRET, CONCORD_JWT_MAX_LIFETIME_SECONDS: '3600' } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('accepts a well-formed token with the Bearer scheme', async () => {
    const token = await sign({ sub: 'admin', roles: ['ADMIN'] }, { iat: now(), exp: now() + 600 });
    expect((await post(`Bearer ${token}`)).data).toEqual({ myRoles: ['ADMIN'] });
  });

  it('refuses a subject that is not a non-empty string', async () => {
    for (const sub of [{ id: 'admin' }, ['admin'], 42, '', '   ']) {
      const token = await sign({ sub, roles: ['ADMIN'] }, { iat: now(), exp: now() + 600 });
      const result = await post(`Bearer ${token}`);
      expect([sub, codeOf(result)]).toEqual([sub, 'UNAUTHENTICATED']);
    }
  });

  it('refuses a token issued in the future or living longer than the configured maximum', async () => {
    const future = await sign({ sub: 'admin' }, { iat: now() + 3600, exp: now() + 3700 });
    expect(codeOf(await post(`Bearer ${future}`))).toBe('UNAUTHENTICATED');
    const century = await sign({ sub: 'admin' }, { iat: now(), exp: now() + 100 * 365 * 24 * 3600 });
    const refused = await post(`Bearer ${century}`);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors[0].message).toContain('at most 3600 seconds');
    const noIssuedAt = await sign({ sub: 'admin' }, { exp: now() + 7200 });
    expect(codeOf(await post(`Bearer ${noIssuedAt}`))).toBe('UNAUTHENTICATED');
  });

  it('requires the Bearer scheme', async () => {
    const token = await sign({ sub: 'admin', roles: ['ADMIN'] }, { iat: now(), exp: now() + 600 });
    for (const authorization of [token, `Basic ${token}`, `Token ${token}`, `Bearer`, `Bearer ${token} extra`]) {
      expect([authorization.slice(0, 12), codeOf(await post(authorization))]).toEqual([authorization.slice(0, 12), 'UNAUTHENTICATED']);
    }
  });

  it('refuses to start with a secret shorter than 32 bytes', async () => {
    await expect(ConcordServer.start({ env: { CONCORD_JWT_SECRET: 'short-secret' } })).rejects.toThrow('at least 32 bytes');
  });
});
