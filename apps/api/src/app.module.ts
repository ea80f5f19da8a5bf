import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { AuthenticatedGuard, ConcordErrorFilter } from '../../../libs/graphql/src/index.js';
import { TokenVerifier } from './auth/tokens.js';
import type { ConcordConfig } from './config.js';
import { graphqlConfig } from './graphql.config.js';
import { HealthController } from './health/health.controller.js';
import { RuntimeModule } from './runtime.module.js';
import { CONTEXT_MODULES } from './context-modules.js';

@Module({})
export class AppModule {
  static forConfig(config: ConcordConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forConfig(config),
        CqrsModule.forRoot(),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [TokenVerifier],
          useFactory: (verifier: TokenVerifier) => graphqlConfig(verifier),
        }),
        ...CONTEXT_MODULES,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: AuthenticatedGuard },
        { provide: APP_FILTER, useClass: ConcordErrorFilter },
      ],
    };
  }
}
