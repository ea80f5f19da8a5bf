import { Module } from '@nestjs/common';
import { CommandExecutor, KEY_STORE, type KeyStore } from '#kernel';
import { ReadModelDatabase } from '#projections';
import { MemberCommands } from './application/member.commands.js';
import { NetworkAccess } from './application/network-access.js';
import { NetworkDeparture } from './application/network-departure.js';
import { OrganisationCommands } from './application/organisation.commands.js';
import { MemberResolver, OrganisationResolver } from './graphql/network.resolver.js';
import { NetworkQueries } from './read-model/network.queries.js';

@Module({
  providers: [
    {
      provide: NetworkQueries,
      inject: [ReadModelDatabase],
      useFactory: (readModels: ReadModelDatabase) => new NetworkQueries(() => readModels.db),
    },
    { provide: NetworkDeparture, useFactory: () => new NetworkDeparture() },
    { provide: NetworkAccess, inject: [NetworkQueries], useFactory: (queries: NetworkQueries) => new NetworkAccess(queries) },
    {
      provide: OrganisationCommands,
      inject: [CommandExecutor, NetworkAccess, NetworkDeparture],
      useFactory: (executor: CommandExecutor, access: NetworkAccess, departure: NetworkDeparture) =>
        new OrganisationCommands(executor, { access, departure }),
    },
    {
      provide: MemberCommands,
      inject: [CommandExecutor, NetworkAccess, NetworkQueries, KEY_STORE],
      useFactory: (executor: CommandExecutor, access: NetworkAccess, queries: NetworkQueries, keys: KeyStore) =>
        new MemberCommands(executor, { access, queries, keys }),
    },
    OrganisationResolver,
    MemberResolver,
  ],
  exports: [NetworkQueries, NetworkAccess, NetworkDeparture, OrganisationCommands, MemberCommands],
})
export class NetworkModule {}
