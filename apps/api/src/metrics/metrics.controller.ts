import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Public } from '../../../../libs/graphql/src/index.js';
import { ConcordRuntime } from '../runtime.js';
import { OperationMetrics } from './operation-metrics.js';

/** Prometheus text exposition of what an operator watches. */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(ConcordRuntime) private readonly runtime: ConcordRuntime,
    @Inject(OperationMetrics) private readonly operations: OperationMetrics,
  ) {}

  @Get()
  @Public()
  @Header('content-type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
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
