import { Module } from '@nestjs/common';
import { CommandExecutor } from '#kernel';
import { ReadModelDatabase } from '#projections';
import { NetworkAccess, NetworkModule, NetworkQueries } from '#network';
import { TopicalGroupCommands } from './application/topical-group.commands.js';
import { DecisionFeed } from './graphql/decision-feed.js';
import { DecisionResolver } from './graphql/decision.resolver.js';
import { TopicalGroupResolver } from './graphql/topical-group.resolver.js';
import { ActionItemResolver, MeetingResolver, VoteResolver } from './graphql/work-items.resolver.js';
import { TopicalGroupQueries } from './read-model/topical-groups.queries.js';

@Module({
  imports: [NetworkModule],
  providers: [
    {
      provide: TopicalGroupQueries,
      inject: [ReadModelDatabase],
      useFactory: (readModels: ReadModelDatabase) => new TopicalGroupQueries(() => readModels.db),
    },
    DecisionFeed,
    {
      provide: TopicalGroupCommands,
      inject: [CommandExecutor, NetworkAccess, NetworkQueries],
      useFactory: (executor: CommandExecutor, access: NetworkAccess, network: NetworkQueries) =>
        new TopicalGroupCommands(executor, { access, network }),
    },
    TopicalGroupResolver,
    DecisionResolver,
    MeetingResolver,
    VoteResolver,
    ActionItemResolver,
  ],
  exports: [TopicalGroupQueries, TopicalGroupCommands],
})
export class TopicalGroupsModule {}
