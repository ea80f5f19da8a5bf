import { Module } from '@nestjs/common';
import { CommandExecutor, ReadModelDatabase } from '../../projections/src/index.js';
import { NetworkAccess, NetworkModule, NetworkQueries } from '../../network/src/index.js';
import { NeedsModule, NeedsQueries } from '../../needs/src/index.js';
import { BuyerGroupAccess } from './application/buyer-group-access.js';
import { BuyerGroupFacts } from './application/buyer-group-facts.js';
import { BuyerGroupRunner } from './application/buyer-group-runner.js';
import { LEAD_PROCURER_HANDLERS } from './application/lead-procurer.handlers.js';
import { MEMBERSHIP_HANDLERS } from './application/membership.handlers.js';
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
      provide: BuyerGroupRunner,
      inject: [CommandExecutor, BuyerGroupAccess],
      useFactory: (commands: CommandExecutor, access: BuyerGroupAccess) => new BuyerGroupRunner(commands, access),
    },
    ...MEMBERSHIP_HANDLERS,
    ...LEAD_PROCURER_HANDLERS,
    BuyerGroupResolver,
    BuyerGroupMemberResolver,
    AgreementSignatureResolver,
    NeedBuyerGroupResolver,
    OrganisationBuyerGroupsResolver,
    BuyerGroupUpdatesResolver,
  ],
  exports: [BuyerGroupsQueries],
})
export class BuyerGroupsModule {}
