import { Module } from '@nestjs/common';
import { ReadModelDatabase } from '../../projections/src/index.js';
import { LeaveNetworkHandler, RegisterOrganisationHandler, RenameOrganisationHandler } from './application/organisation.commands.js';
import { NETWORK_COMMAND_HANDLERS } from './application/member.commands.js';
import { NetworkAccess } from './application/network-access.js';
import { MemberResolver, OrganisationResolver } from './graphql/network.resolver.js';
import { NetworkQueries } from './read-model/network.queries.js';

@Module({
  providers: [
    {
      provide: NetworkQueries,
      inject: [ReadModelDatabase],
      useFactory: (readModels: ReadModelDatabase) => new NetworkQueries(() => readModels.db),
    },
    { provide: NetworkAccess, inject: [NetworkQueries], useFactory: (queries: NetworkQueries) => new NetworkAccess(queries) },
    RegisterOrganisationHandler,
    RenameOrganisationHandler,
    LeaveNetworkHandler,
    ...NETWORK_COMMAND_HANDLERS,
    OrganisationResolver,
    MemberResolver,
  ],
  exports: [NetworkQueries, NetworkAccess],
})
export class NetworkModule {}
