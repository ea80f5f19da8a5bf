import type { Response } from 'express';
import { Controller, Get, Headers, Res, Inject, Injectable, NotFoundException, UnauthorizedException, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createServer, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '#graphql';
import { type ConcordConfig, CONCORD_CONFIG, ConcordRuntime } from '#runtime';
import { OperationMetrics } from './operation-metrics.js';

const CONTENT_TYPE = 'text/plain; version=0.0.4';

/** Prometheus text exposition of what an operator watches. */
@Injectable()
export class MetricsExposition {
  constructor(
    @Inject(ConcordRuntime) private readonly runtime: ConcordRuntime,
    @Inject(OperationMetrics) private readonly operations: OperationMetrics,
  ) {}

  async text(): Promise<string> {
    const caughtUp = await this.runtime.runner.isCaughtUp().catch(() => false);
    const memory = process.memoryUsage();
    const lines = [
      '# HELP concord_projections_caught_up 1 when the read models hold every recorded event.',
      '# TYPE concord_projections_caught_up gauge',
      `concord_projections_caught_up ${caughtUp ? 1 : 0}`,
      '# HELP concord_projections_failing 1 while the projection runner is retrying a failed batch.',
      '# TYPE concord_projections_failing gauge',
      `concord_projections_failing ${this.runtime.runner.failing ? 1 : 0}`,
      '# HELP concord_graphql_operations_total GraphQL operations by type and outcome.',
      '# TYPE concord_graphql_operations_total counter',
      ...this.operations
        .entries()
        .map((e) => `concord_graphql_operations_total{operation="${e.operation}",outcome="${e.outcome}"} ${e.count}`),
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${memory.rss}`,
      '# TYPE nodejs_heap_used_bytes gauge',
      `nodejs_heap_used_bytes ${memory.heapUsed}`,
      '# TYPE process_uptime_seconds gauge',
      `process_uptime_seconds ${process.uptime().toFixed(1)}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}

/** /metrics on the API port, for holders of CONCORD_METRICS_TOKEN only; not served without one. */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(MetricsExposition) private readonly exposition: MetricsExposition,
    @Inject(CONCORD_CONFIG) private readonly config: ConcordConfig,
  ) {}

  @Get()
  @Public()
  async metrics(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) response: Response): Promise<string> {
    const token = this.config.exposure.metricsToken;
    if (!token) throw new NotFoundException();
    if (!sameSecret(authorization ?? '', `Bearer ${token}`)) throw new UnauthorizedException('a metrics bearer token is required');
    response.setHeader('content-type', CONTENT_TYPE);
    return this.exposition.text();
  }
}

/** /metrics on a port of its own (CONCORD_METRICS_PORT), meant for a private network. */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(MetricsExposition) private readonly exposition: MetricsExposition,
    @Inject(CONCORD_CONFIG) private readonly config: ConcordConfig,
    @Inject(HttpAdapterHost) private readonly http: HttpAdapterHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.exposure.metricsPort;
    // Only beside the API: the CLI's application context serves nothing.
    if (port === undefined || !this.http.httpAdapter) return;
    this.server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      this.exposition.text().then(
        (text) => response.writeHead(200, { 'content-type': CONTENT_TYPE }).end(text),
        () => response.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(port, resolve));
  }

  /** The port it listens on (useful when configured as 0). */
  get port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
