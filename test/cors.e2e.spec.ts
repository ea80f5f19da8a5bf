import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '#runtime';
import { ConcordServer } from './support/concord-server.js';

const preflight = (server: ConcordServer, origin: string) =>
  fetch(`${server.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });

describe('browser apps of the network (CONCORD_CORS_ORIGINS)', () => {
  let open: ConcordServer;
  let closed: ConcordServer;
  beforeAll(async () => {
    open = await ConcordServer.start({ env: { CONCORD_CORS_ORIGINS: 'https://apps.network.example.eu, https://audit.network.example.eu' } });
    closed = await ConcordServer.start();
  });
  afterAll(async () => {
    await open.stop();
    await closed.stop();
  });

  it('answers preflights of the listed origins only', async () => {
    const allowed = await preflight(open, 'https://apps.network.example.eu');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://apps.network.example.eu');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await preflight(open, 'https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends no CORS headers by default', async () => {
    const response = await preflight(closed, 'https://apps.network.example.eu');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a malformed origin at start-up', () => {
    expect(() => loadConfig({ CONCORD_CORS_ORIGINS: 'apps.network.example.eu' })).toThrow(/not an origin/);
    expect(() => loadConfig({ CONCORD_CORS_ORIGINS: 'https://apps.network.example.eu/' })).toThrow(/write/);
  });
});
