import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit, type Provider } from '@nestjs/common';
import { EVENT_STORE } from '#event-store';
import { CommandExecutor, EventCodec, KEY_STORE } from '#kernel';
import { ProjectionRunner, ReadModelDatabase } from '#projections';
import { LiveFeed, TimeTravel } from '#graphql';
import { AUDIT_SETTINGS } from '../../audit/src/audit-settings.js';
import { CONTEXTS } from './contexts.js';
import type { ConcordConfig } from './config.js';
import { ConcordRuntime } from './runtime.js';
import { UNFINISHED_CHANGE_GRACE_MS } from '#buyer-groups';

export const CONCORD_CONFIG = Symbol('CONCORD_CONFIG');

/**
 * Opens the runtime once per process, starts the projections, closes everything on shutdown,
 * and mounts every context's module: what the API and the CLI's seed share. `shared` are the
 * application's own process-wide providers, exported with the runtime's.
 */
@Global()
@Module({})
export class RuntimeModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(ConcordRuntime) private readonly runtime: ConcordRuntime) {}

  static forConfig(config: ConcordConfig, shared: Provider[] = []): DynamicModule {
    const logger = new Logger('Projections');
    return {
      module: RuntimeModule,
      imports: CONTEXTS.map((context) => context.module),
      providers: [
        ...shared,
        { provide: CONCORD_CONFIG, useValue: config },
        { provide: UNFINISHED_CHANGE_GRACE_MS, useValue: config.unfinishedChangeGraceMs },
        { provide: AUDIT_SETTINGS, useValue: config.audit },
        {
          provide: ConcordRuntime,
          useFactory: () => ConcordRuntime.open(config, {
              onProjectionError: (error) => logger.error(error),
              onStoreWarning: (message) => logger.warn(message),
            }),
        },
        // Shared by every context: one instance each, next to what they wrap.
        TimeTravel,
        {
          provide: LiveFeed,
          inject: [ProjectionRunner],
          useFactory: (runner: ProjectionRunner) => new LiveFeed(runner, config.webSocket.maxQueuedPerSubscriber),
        },
        { provide: EVENT_STORE, inject: [ConcordRuntime], useFactory: (runtime: ConcordRuntime) => runtime.store },
        { provide: KEY_STORE, inject: [ConcordRuntime], useFactory: (runtime: ConcordRuntime) => runtime.keys },
        { provide: EventCodec, inject: [ConcordRuntime], useFactory: (runtime: ConcordRuntime) => runtime.codec },
        { provide: ReadModelDatabase, inject: [ConcordRuntime], useFactory: (runtime: ConcordRuntime) => runtime.readModels },
        { provide: ProjectionRunner, inject: [ConcordRuntime], useFactory: (runtime: ConcordRuntime) => runtime.runner },
        { provide: CommandExecutor, inject: [ConcordRuntime], useFactory: (runtime: ConcordRuntime) => runtime.commands },
      ],
      exports: [
        ...CONTEXTS.map((context) => context.module),
        ...shared,
        CONCORD_CONFIG,
        UNFINISHED_CHANGE_GRACE_MS,
        AUDIT_SETTINGS,
        ConcordRuntime,
        TimeTravel,
        LiveFeed,
        EVENT_STORE,
        KEY_STORE,
        EventCodec,
        ReadModelDatabase,
        ProjectionRunner,
        CommandExecutor,
      ],
    };
  }

  onModuleInit(): void {
    this.runtime.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.close();
  }
}
