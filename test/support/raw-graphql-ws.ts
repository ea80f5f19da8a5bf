import WebSocket from 'ws';

/**
 * A graphql-transport-ws connection driven message by message, as an attacker would: what it
 * sends is not checked, and every message and the close code are recorded.
 */
export class RawGraphQLWs {
  readonly messages: Array<Record<string, any>> = [];
  closed?: { code: number; reason: string };
  private readonly socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => this.messages.push(JSON.parse(String(data))));
    socket.on('close', (code, reason) => (this.closed = { code, reason: String(reason) }));
    socket.on('error', () => undefined);
  }

  static async open(httpUrl: string): Promise<RawGraphQLWs> {
    const socket = new WebSocket(`${httpUrl.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new RawGraphQLWs(socket);
  }

  /** Opens a connection and completes `connection_init` with the token, if any. */
  static async connect(httpUrl: string, token?: string): Promise<RawGraphQLWs> {
    const ws = await RawGraphQLWs.open(httpUrl);
    ws.send({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} });
    await ws.waitFor((message) => message['type'] === 'connection_ack');
    return ws;
  }

  /** Stops taking data off the socket, as a client that no longer reads; the server's sends pile up. */
  stopReading(): void {
    (this.socket as unknown as { _socket: import('node:net').Socket })._socket.pause();
  }

  resumeReading(): void {
    (this.socket as unknown as { _socket: import('node:net').Socket })._socket.resume();
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  subscribe(id: string, query: string, variables: Record<string, unknown> = {}): void {
    this.send({ id, type: 'subscribe', payload: { query, variables } });
  }

  /** The first message (or the close) that `predicate` accepts, waiting up to `timeoutMs`. */
  async waitFor(predicate: (message: Record<string, any>) => boolean, timeoutMs = 10_000): Promise<Record<string, any>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (this.closed) throw new Error(`closed ${this.closed.code} ${this.closed.reason} before the message arrived`);
      if (Date.now() > deadline) throw new Error(`no such message within ${timeoutMs} ms: ${JSON.stringify(this.messages).slice(0, 500)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** The result or errors of operation `id`: its first `next` or `error` message. */
  async result(id: string, timeoutMs?: number): Promise<Record<string, any>> {
    const message = await this.waitFor((m) => m['id'] === id && (m['type'] === 'next' || m['type'] === 'error'), timeoutMs);
    return message['type'] === 'error' ? { errors: message['payload'] } : message['payload'];
  }

  async waitForClose(timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error(`still open after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.closed;
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.socket.terminate();
  }
}
