import { Module } from '@nestjs/common';
import { ReadModelDatabase } from '../../projections/src/index.js';
import { NetworkModule } from '../../network/src/index.js';
import {
  AppointTopicalGroupLeaderHandler,
  CreateTopicalGroupHandler,
  JoinTopicalGroupHandler,
  LeaveTopicalGroupHandler,
} from './application/group.commands.js';
import { WORK_COMMAND_HANDLERS } from './application/work.commands.js';
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
    CreateTopicalGroupHandler,
    AppointTopicalGroupLeaderHandler,
    JoinTopicalGroupHandler,
    LeaveTopicalGroupHandler,
    ...WORK_COMMAND_HANDLERS,
    TopicalGroupResolver,
    DecisionResolver,
    MeetingResolver,
    VoteResolver,
    ActionItemResolver,
  ],
  exports: [TopicalGroupQueries],
})
export class TopicalGroupsModule {}
