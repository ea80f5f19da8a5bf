import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InFlightRequests } from '../src/request-drain.js';

describe('stopping the server', () => {
  it('finishes the answers already begun and refuses new connections', async () => {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => setTimeout(() => response.end('answered'), 300));
    });
    const requests = new InFlightRequests(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const answer = fetch(url, { method: 'POST', body: '{}' }).then((response) => response.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    let drained = false;
    const draining = requests.drain(5_000).then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(drained).toBe(false);
    await expect(fetch(url)).rejects.toThrow();
    expect(await answer).toBe('answered');
    await draining;
    expect(drained).toBe(true);
    server.closeAllConnections();
  });

  it('gives up waiting at the deadline', async () => {
    const server = createServer(() => undefined);
    const requests = new InFlightRequests(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    void fetch(url).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await requests.drain(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    server.closeAllConnections();
  });
});
