import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#event-store';
import { EventCodec, systemClock } from '#kernel';
import { ProjectionRunner, ReadModelDatabase } from '#projections';
import { AUDIT_SETTINGS, type AuditSettings } from './audit-settings.js';
import { AuditProofs } from './application/audit-proofs.js';
import { AuditTrail } from './application/audit-trail.js';
import { CheckpointSchedule } from './application/checkpoint-schedule.js';
import { AuditCheckpoints } from './application/checkpoints.js';
import { loadSigningKey } from './application/signing-key.js';
import { AuditProofsResolver } from './graphql/audit-proofs.resolver.js';
import { AuditResolver } from './graphql/audit.resolver.js';
import { AuditTree } from './read-model/audit-tree.js';

@Module({
  providers: [
    {
      provide: AuditTrail,
      inject: [EVENT_STORE, EventCodec],
      useFactory: (store: EventStore, codec: EventCodec) => new AuditTrail(store, codec),
    },
    { provide: AuditTree, inject: [ReadModelDatabase], useFactory: (readModels: ReadModelDatabase) => new AuditTree(() => readModels.db) },
    {
      provide: AuditCheckpoints,
      inject: [EVENT_STORE, EventCodec, AuditTree, AUDIT_SETTINGS],
      useFactory: (store: EventStore, codec: EventCodec, tree: AuditTree, settings: AuditSettings) =>
        new AuditCheckpoints({ store, codec, clock: systemClock }, tree, loadSigningKey(settings.signingKey)),
    },
    {
      provide: CheckpointSchedule,
      inject: [AuditCheckpoints, AuditTree, AUDIT_SETTINGS],
      useFactory: (checkpoints: AuditCheckpoints, tree: AuditTree, settings: AuditSettings) => {
        const logger = new Logger('Checkpoints');
        return new CheckpointSchedule(checkpoints, tree, settings.schedule, (error) => logger.error(error));
      },
    },
    { provide: AuditProofs, inject: [AuditTree, AuditCheckpoints], useFactory: (tree: AuditTree, checkpoints: AuditCheckpoints) => new AuditProofs(tree, checkpoints) },
    AuditResolver,
    AuditProofsResolver,
  ],
  exports: [AuditTrail, AuditTree, AuditCheckpoints],
})
export class AuditModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private unhook?: () => void;

  constructor(
    @Inject(CheckpointSchedule) private readonly schedule: CheckpointSchedule,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule.start();
    this.unhook = this.runner.onAfterCommit(() => this.schedule.eventsProjected());
  }

  async onApplicationShutdown(): Promise<void> {
    this.unhook?.();
    await this.schedule.stop();
  }
}
