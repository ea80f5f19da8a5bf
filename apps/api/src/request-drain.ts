import { Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

/** Longest wait for answers already begun; below the 30 s an orchestrator usually grants after SIGTERM. */
const DRAIN_DEADLINE_MS = 10_000;

/**
 * The answers the server has begun, so that stopping it (a deploy, SIGTERM) finishes them
 * before the event store closes: a client mid-mutation gets its result, not an internal error.
 */
export class InFlightRequests {
  private count = 0;
  private waiting: Array<() => void> = [];

  constructor(private readonly server: Server) {
    server.on('request', (_request, response) => {
      this.count += 1;
      response.once('close', () => {
        this.count -= 1;
        if (this.count === 0) this.waiting.splice(0).forEach((resolve) => resolve());
      });
    });
  }

  /** Stops accepting connections, then waits for the answers in progress, at most `deadlineMs`. */
  async drain(deadlineMs: number): Promise<void> {
    if (this.server.listening) this.server.close();
    if (this.count === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.waiting.push(resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs))),
    ]);
    clearTimeout(timer);
  }
}

@Injectable()
export class RequestDrain implements OnModuleInit, BeforeApplicationShutdown {
  private requests?: InFlightRequests;

  constructor(private readonly adapter: HttpAdapterHost) {}

  onModuleInit(): void {
    this.requests = new InFlightRequests(this.adapter.httpAdapter.getHttpServer() as Server);
  }

  // Nest closes the stores in onApplicationShutdown, which runs after this.
  async beforeApplicationShutdown(): Promise<void> {
    await this.requests?.drain(DRAIN_DEADLINE_MS);
  }
}
