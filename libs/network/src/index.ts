import { NetworkModule } from './network.module.js';
import type { EventCatalog } from '#kernel';
import { MEMBER_PERSONAL_DATA } from './domain/member.js';
import { networkProjection } from './read-model/network.projection.js';

export * from './domain/organisation.js';
export * from './domain/member.js';
export { countryCode } from './domain/country.js';
export { NetworkQueries, type MemberRow, type OrganisationRow } from './read-model/network.queries.js';
export { NetworkAccess } from './application/network-access.js';
export { NetworkDeparture, type DepartureStep } from './application/network-departure.js';
export { OrganisationType, MemberType, Role } from './graphql/network.types.js';
export { loadOrganisation, loadMember } from './graphql/network.loaders.js';
export { organisationFromRow, memberFromRow } from './graphql/network.mappers.js';

export { OrganisationCommands } from './application/organisation.commands.js';
export { MemberCommands } from './application/member.commands.js';
export { NetworkModule };

export const networkContext = {
  name: 'network',
  module: NetworkModule,
  catalog: { personalData: MEMBER_PERSONAL_DATA } satisfies EventCatalog,
  projections: [networkProjection],
};
export { NetworkReferences, referringToNetwork } from './graphql/network-references.js';
