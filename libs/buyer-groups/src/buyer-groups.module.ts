import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#event-store';
import { CommandExecutor, EventCodec } from '#kernel';
import { ProjectionRunner, ReadModelDatabase } from '#projections';
import { NetworkAccess, NetworkDeparture, NetworkModule, NetworkQueries } from '#network';
import { NeedCommands, NeedsModule, NeedsQueries } from '#needs';
import { NeedPooling } from './application/need-pooling.js';
import { BuyerGroupAccess } from './application/buyer-group-access.js';
import { BuyerGroupFacts } from './application/buyer-group-facts.js';
import { BuyerGroupCommands } from './application/buyer-group.commands.js';
import { NeedBuyerGroupResolver, OrganisationBuyerGroupsResolver } from './graphql/buyer-group-links.resolver.js';
import { AgreementSignatureResolver, BuyerGroupMemberResolver } from './graphql/buyer-group-parts.resolver.js';
import { BuyerGroupUpdatesResolver } from './graphql/buyer-group-updates.resolver.js';
import { BuyerGroupResolver } from './graphql/buyer-groups.resolver.js';
import { BuyerGroupsQueries } from './read-model/buyer-groups.queries.js';
import { BuyerGroupDeparture } from './application/buyer-group-departure.js';
import { UnfinishedChanges } from './application/unfinished-changes.js';
import { UnfinishedChangesQueries } from './read-model/unfinished-changes.projection.js';

/** How long a change spanning several streams may take before the recovery takes it for interrupted (ms). */
export const UNFINISHED_CHANGE_GRACE_MS = Symbol('UNFINISHED_CHANGE_GRACE_MS');

/** How often each API instance looks for unfinished changes. */
const RECOVERY_INTERVAL_MS = 5_000;

@Module({
  imports: [NetworkModule, NeedsModule],
  providers: [
    {
      provide: BuyerGroupsQueries,
      inject: [ReadModelDatabase],
      useFactory: (readModels: ReadModelDatabase) => new BuyerGroupsQueries(() => readModels.db),
    },
    { provide: BuyerGroupAccess, inject: [NetworkAccess], useFactory: (network: NetworkAccess) => new BuyerGroupAccess(network) },
    {
      provide: BuyerGroupFacts,
      inject: [NetworkQueries, NeedsQueries],
      useFactory: (network: NetworkQueries, needs: NeedsQueries) => new BuyerGroupFacts(network, needs),
    },
    {
      provide: BuyerGroupCommands,
      inject: [CommandExecutor, BuyerGroupAccess, BuyerGroupFacts, NeedCommands],
      useFactory: (executor: CommandExecutor, access: BuyerGroupAccess, facts: BuyerGroupFacts, needs: NeedCommands) =>
        new BuyerGroupCommands(executor, { access, facts, pooling: new NeedPooling(needs) }),
    },
    {
      provide: BuyerGroupDeparture,
      inject: [EVENT_STORE, EventCodec, BuyerGroupsQueries, BuyerGroupCommands],
      useFactory: (store: EventStore, codec: EventCodec, queries: BuyerGroupsQueries, groups: BuyerGroupCommands) =>
        new BuyerGroupDeparture({ store, codec }, queries, groups),
    },
    {
      provide: UnfinishedChanges,
      inject: [EVENT_STORE, ReadModelDatabase, NeedCommands, BuyerGroupCommands, UNFINISHED_CHANGE_GRACE_MS],
      useFactory: (store: EventStore, readModels: ReadModelDatabase, needs: NeedCommands, groups: BuyerGroupCommands, graceMs: number) =>
        new UnfinishedChanges({ store }, new UnfinishedChangesQueries(() => readModels.db), needs, groups, graceMs),
    },
    BuyerGroupResolver,
    BuyerGroupMemberResolver,
    AgreementSignatureResolver,
    NeedBuyerGroupResolver,
    OrganisationBuyerGroupsResolver,
    BuyerGroupUpdatesResolver,
  ],
  exports: [BuyerGroupsQueries, BuyerGroupCommands, UnfinishedChanges],
})
export class BuyerGroupsModule implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('UnfinishedChanges');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    @Inject(NetworkDeparture) private readonly departure: NetworkDeparture,
    @Inject(BuyerGroupDeparture) private readonly buyerGroupDeparture: BuyerGroupDeparture,
    @Inject(UnfinishedChanges) private readonly unfinished: UnfinishedChanges,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    this.departure.register(this.buyerGroupDeparture);
  }

  /** Once the read models have caught up with the log, and then every few seconds. */
  onApplicationBootstrap(): void {
    const pass = async () => {
      if (this.stopped) return;
      try {
        await this.unfinished.finish(new Date(), (error) => this.logger.warn(String(error)));
      } catch (error) {
        if (!this.stopped) this.logger.error(error);
      }
    };
    this.running = (async () => {
      const head = await this.store.headPosition();
      if (head) await this.runner.waitFor(head, 120_000);
      await pass();
    })().catch((error) => this.logger.error(error));
    this.timer = setInterval(() => {
      this.running = this.running.then(pass);
    }, RECOVERY_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }
}
