import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { SignJWT } from 'jose';
import { loadConfig, TokenVerifier } from '#runtime';

/** A verified token's verdict is kept, so it must never stand longer than the token would. */
describe('kept token verdicts', () => {
  const SECRET = 'a-test-secret-of-at-least-thirty-two-bytes';
  const config = loadConfig({ CONCORD_DATA_DIR: '/nonexistent-concord-test', CONCORD_JWT_SECRET: SECRET, CONCORD_JWT_MAX_LIFETIME_SECONDS: '3600' });
  const sign = (subject: string, lifetimeSeconds: number) =>
    new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + lifetimeSeconds)
      .sign(new TextEncoder().encode(SECRET));

  afterEach(() => {
    jest.useRealTimers();
  });

  it('refuses a token once it has expired, though it was accepted before', async () => {
    // Only the clock is faked: WebCrypto and the event loop run as usual.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'hrtime'] });
    const verifier = new TokenVerifier(config);
    const token = await sign('member-1', 60);
    expect((await verifier.authenticate(`Bearer ${token}`)).actor).toEqual({ subject: 'member-1', roles: ['ADMIN'] });
    jest.setSystemTime(Date.now() + 60_000 + 29_000);
    expect((await verifier.authenticate(`Bearer ${token}`)).actor.subject).toBe('member-1');
    jest.setSystemTime(Date.now() + 2_000);
    await expect(verifier.authenticate(`Bearer ${token}`)).rejects.toThrow('the token has expired');
  });

  it('keeps no verdict for a token that fails, and none that a changed token could reuse', async () => {
    const verifier = new TokenVerifier(config);
    const token = await sign('member-2', 600);
    await verifier.authenticate(`Bearer ${token}`);
    const [header, , signature] = token.split('.') as [string, string, string];
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'member-3', roles: ['ADMIN'], exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    const forged = `${header}.${forgedPayload}.${signature}`;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(verifier.authenticate(`Bearer ${forged}`)).rejects.toThrow('the token signature is not valid');
    }
    expect((await verifier.authenticate(`bearer  ${token}`)).actor.subject).toBe('member-2');
  });

  it('hands each caller its own actor, so one request cannot change another’s roles', async () => {
    const verifier = new TokenVerifier(config);
    const token = await sign('member-4', 600);
    const first = await verifier.authenticate(`Bearer ${token}`);
    first.actor.roles.push('INTRUDER');
    expect((await verifier.authenticate(`Bearer ${token}`)).actor.roles).toEqual(['ADMIN']);
  });
});
