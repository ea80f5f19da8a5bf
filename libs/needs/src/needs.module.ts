import { Module } from '@nestjs/common';
import { CommandExecutor } from '#kernel';
import { ReadModelDatabase } from '#projections';
import { NetworkAccess, NetworkModule, NetworkQueries } from '#network';
import { NeedCommands } from './application/need.commands.js';
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
    {
      provide: NeedCommands,
      inject: [CommandExecutor, NetworkAccess, NetworkQueries, NeedsQueries],
      useFactory: (executor: CommandExecutor, access: NetworkAccess, network: NetworkQueries, needs: NeedsQueries) =>
        new NeedCommands(executor, { access, network, needs }),
    },
    NeedResolver,
    OrganisationNeedsResolver,
  ],
  exports: [NeedsQueries, NeedCommands],
})
export class NeedsModule {}
