import { Module } from '@nestjs/common';
import { CommandExecutor } from '#kernel';
import { ReadModelDatabase } from '#projections';
import { NetworkAccess, NetworkModule, NetworkQueries } from '#network';
import { NeedsModule, NeedsQueries } from '#needs';
import { BuyerGroupAccess } from './application/buyer-group-access.js';
import { BuyerGroupFacts } from './application/buyer-group-facts.js';
import { BuyerGroupCommands } from './application/buyer-group.commands.js';
import { NeedBuyerGroupResolver, OrganisationBuyerGroupsResolver } from './graphql/buyer-group-links.resolver.js';
import { AgreementSignatureResolver, BuyerGroupMemberResolver } from './graphql/buyer-group-parts.resolver.js';
import { BuyerGroupUpdatesResolver } from './graphql/buyer-group-updates.resolver.js';
import { BuyerGroupResolver } from './graphql/buyer-groups.resolver.js';
import { BuyerGroupsQueries } from './read-model/buyer-groups.queries.js';

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
      inject: [CommandExecutor, BuyerGroupAccess, BuyerGroupFacts],
      useFactory: (executor: CommandExecutor, access: BuyerGroupAccess, facts: BuyerGroupFacts) =>
        new BuyerGroupCommands(executor, { access, facts }),
    },
    BuyerGroupResolver,
    BuyerGroupMemberResolver,
    AgreementSignatureResolver,
    NeedBuyerGroupResolver,
    OrganisationBuyerGroupsResolver,
    BuyerGroupUpdatesResolver,
  ],
  exports: [BuyerGroupsQueries, BuyerGroupCommands],
})
export class BuyerGroupsModule {}
