import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { AuthenticatedGuard, ConcordErrorFilter } from '#graphql';
import { CommunityGuard } from './auth/community.guard.js';
import { TokenVerifier, type ConcordConfig, RuntimeModule } from '#runtime';
import { graphqlConfig } from './graphql.config.js';
import { GraphQLHttpErrorFilter } from './http-error.filter.js';
import { GraphQLWebSocketServer } from './graphql-ws/graphql-ws.server.js';
import { MutationRateGuard } from './rate-limits/mutation-rate.guard.js';
import { RateLimiter } from './rate-limits/rate-limiter.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController, MetricsExposition, MetricsServer } from './metrics/metrics.controller.js';
import { OperationMetrics } from './metrics/operation-metrics.js';
import { RequestDrain } from './request-drain.js';

@Module({})
export class AppModule {
  static forConfig(config: ConcordConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forConfig(config, [{ provide: TokenVerifier, useFactory: () => new TokenVerifier(config) }, OperationMetrics]),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [TokenVerifier, OperationMetrics],
          useFactory: (verifier: TokenVerifier, metrics: OperationMetrics) => graphqlConfig(config, verifier, [metrics.plugin()]),
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: APP_GUARD, useClass: AuthenticatedGuard },
        { provide: APP_GUARD, useClass: CommunityGuard },
        { provide: APP_GUARD, useClass: MutationRateGuard },
        RateLimiter,
        MetricsExposition,
        MetricsServer,
        GraphQLWebSocketServer,
        RequestDrain,
        { provide: APP_FILTER, useClass: ConcordErrorFilter },
        { provide: APP_FILTER, useClass: GraphQLHttpErrorFilter },
      ],
    };
  }
}
