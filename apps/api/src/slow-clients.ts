import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpTimeouts } from '#runtime';

/**
 * A client that sends its headers or body slowly, or idles on a kept-alive connection, is cut
 * off. Only the client's silence counts: while the server itself is computing an answer (a
 * first append to a store that is still warming up can take longer than the idle limit), the
 * socket is the server's to keep, and the answer is delivered.
 */
export function limitSlowClients(server: Server, limits: HttpTimeouts): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // Node checks the two above only every 30 s; a socket silent this long mid-request is closed at once.
  // (A WebSocket is exempt: ws clears the timeout when it takes the socket over.)
  server.setTimeout(limits.idleTimeoutMs);
  const answering = new WeakSet<Socket>();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    const done = () => answering.delete(socket);
    request.once('end', () => {
      if (!response.writableFinished) answering.add(socket);
    });
    response.once('finish', done);
    response.once('close', done);
  });
  // With a listener here Node no longer destroys a timed-out socket by itself: this decides.
  server.on('timeout', (socket: Socket) => {
    if (!answering.has(socket)) socket.destroy();
  });
}
