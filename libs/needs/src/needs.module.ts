import { Module } from '@nestjs/common';
import { ReadModelDatabase } from '../../projections/src/index.js';
import { NetworkModule } from '../../network/src/index.js';
import { NEED_COMMAND_HANDLERS } from './application/need.commands.js';
import { NeedResolver } from './graphql/needs.resolver.js';
import { OrganisationNeedsResolver } from './graphql/organisation-needs.resolver.js';
import { NeedsQueries } from './read-model/needs.queries.js';

@Module({
  imports: [NetworkModule],
  providers: [
    {
      provide: NeedsQueries,
      inject: [ReadModelDatabase],
      useFactory: (readModels: ReadModelDatabase) => new NeedsQueries(() => readModels.db),
    },
    ...NEED_COMMAND_HANDLERS,
    NeedResolver,
    OrganisationNeedsResolver,
  ],
  exports: [NeedsQueries],
})
export class NeedsModule {}
