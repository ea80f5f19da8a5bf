import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ConcordRuntime } from '#runtime';

@Controller('health')
export class HealthController {
  constructor(@Inject(ConcordRuntime) private readonly runtime: ConcordRuntime) {}

  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }

  /** Ready: the event store answers and the read models have caught up with it. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<Record<string, unknown>> {
    const storeReachable = await this.runtime.store.ping().catch(() => false);
    const projectionsCaughtUp = storeReachable && (await this.runtime.runner.isCaughtUp().catch(() => false));
    const ready = storeReachable && projectionsCaughtUp;
    response.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ready ? 'ready' : 'not ready',
      eventStore: { kind: this.runtime.config.eventStore, reachable: storeReachable },
      projections: {
        caughtUp: projectionsCaughtUp,
        checkpoint: this.runtime.runner.checkpoint,
        // Why they are not following the log, when they are not: a reason an operator can act on.
        ...(failureOf(this.runtime.runner.failing) ?? {}),
      },
    };
  }
}

function failureOf(error: unknown): { error: string } | undefined {
  if (error === undefined || error === null) return undefined;
  return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
