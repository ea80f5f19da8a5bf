import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConcordServer, codeOf } from './support/concord-server.js';

describe('tokens of an OpenID Connect provider (CONCORD_JWKS_URL)', () => {
  let provider: Server;
  let server: ConcordServer;
  let privateKey: CryptoKey;
  const issuer = 'https://idp.example.eu/realms/concord';
  const audience = 'concord-api';

  const sign = (claims: { sub: string; roles?: string[]; iss?: string; aud?: string; exp?: string }) =>
    new SignJWT({ roles: claims.roles ?? [] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject(claims.sub)
      .setIssuer(claims.iss ?? issuer)
      .setAudience(claims.aud ?? audience)
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? '10m')
      .sign(privateKey);

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256');
    privateKey = keys.privateKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    provider = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const port = (provider.address() as AddressInfo).port;
    server = await ConcordServer.start({
      env: {
        CONCORD_JWKS_URL: `http://127.0.0.1:${port}/certs`,
        CONCORD_JWT_ISSUER: issuer,
        CONCORD_JWT_AUDIENCE: audience,
      },
    });
  });

  afterAll(async () => {
    await server.stop();
    await new Promise((resolve) => provider.close(resolve));
  });

  it('accepts a token signed by the provider, with its roles', async () => {
    const token = await sign({ sub: 'admin@idp', roles: ['ADMIN'] });
    const result = await server.ok<any>(
      `mutation { registerOrganisation(input: { name: "Politsei- ja Piirivalveamet", country: "EE", kind: BORDER_GUARD }) { organisation { country } } }`,
      {},
      token,
    );
    expect(result.registerOrganisation.organisation.country).toBe('EE');
  });

  it('refuses a wrong audience, a wrong issuer, an expired token and the local HS256 secret', async () => {
    const tokens = [
      await sign({ sub: 'x', aud: 'another-api' }),
      await sign({ sub: 'x', iss: 'https://evil.example' }),
      await sign({ sub: 'x', exp: '-1m' }),
      await server.token('admin', ['ADMIN']),
    ];
    for (const token of tokens) {
      expect(codeOf(await server.graphql(`{ organisations { totalCount } }`, {}, token))).toBe('UNAUTHENTICATED');
    }
  });
});
