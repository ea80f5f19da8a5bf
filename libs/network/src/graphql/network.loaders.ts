import { loadedById, loadedByOwner } from '#graphql';
import type { NetworkQueries } from '../read-model/network.queries.js';
import { memberFromRow, memberFromState, organisationFromRow, organisationFromState } from './network.mappers.js';
import { MemberType, OrganisationType } from './network.types.js';

/** Loads organisations and members by id through the request's DataLoader. */
export const loadOrganisation = loadedById('organisationById', (queries: NetworkQueries, ids) => queries.organisationsByIds(ids), organisationFromRow);

export const loadMember = loadedById('memberById', (queries: NetworkQueries, ids) => queries.membersByIds(ids), memberFromRow);

export const membersOfOrganisation = loadedByOwner(
  'membersByOrganisation',
  (queries: NetworkQueries, ids) => queries.membersOfOrganisations(ids),
  (row) => row.organisation_id!,
  memberFromRow,
);

/** How clients read an organisation and a member: by id now, or as they were at an instant. */
export const organisationView = {
  query: 'organisation', type: () => OrganisationType, load: loadOrganisation, fromState: organisationFromState,
  description: 'asOf: the organisation as it was then (AUDITOR, ADMIN).',
};

export const memberView = {
  query: 'member', type: () => MemberType, load: loadMember, fromState: memberFromState,
  description: 'asOf: the member as they were then (AUDITOR, ADMIN).',
};
