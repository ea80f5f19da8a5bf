import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { limitSlowClients } from '../src/slow-clients.js';

const limits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, idleTimeoutMs: 200 };

/** A real HTTP server whose handler takes `thinkMs` before it answers. */
async function serve(thinkMs: number): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => setTimeout(() => response.end('answered'), thinkMs));
  });
  limitSlowClients(server, limits);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('slow clients', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('delivers an answer the server takes longer than the idle limit to compute', async () => {
    server = await serve(3 * limits.idleTimeoutMs);
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' });
    expect(await response.text()).toBe('answered');
  });

  it('still cuts off a client that goes silent in the middle of its body', async () => {
    server = await serve(0);
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const started = Date.now();
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"query":');
    await closed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(limits.idleTimeoutMs - 20);
    expect(Buffer.concat(received).toString()).not.toContain('answered');
  });
});
