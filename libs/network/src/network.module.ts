import { Module } from '@nestjs/common';
import { CommandExecutor, KEY_STORE, type KeyStore } from '#kernel';
import { ReadModelDatabase } from '#projections';
import { MemberCommands } from './application/member.commands.js';
import { NetworkAccess } from './application/network-access.js';
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
    { provide: NetworkAccess, inject: [NetworkQueries], useFactory: (queries: NetworkQueries) => new NetworkAccess(queries) },
    {
      provide: OrganisationCommands,
      inject: [CommandExecutor, NetworkAccess],
      useFactory: (executor: CommandExecutor, access: NetworkAccess) => new OrganisationCommands(executor, { access }),
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
  exports: [NetworkQueries, NetworkAccess, OrganisationCommands, MemberCommands],
})
export class NetworkModule {}
