import { loadedById, loadedByOwner } from '#graphql';
import type { BuyerGroupStatus } from '../domain/buyer-group.js';
import type { BuyerGroupsQueries } from '../read-model/buyer-groups.queries.js';
import { buyerGroupFromRow, buyerGroupFromState } from './buyer-groups.mappers.js';
import { BuyerGroupType } from './buyer-groups.types.js';

/** Loads buyer groups by id through the request's DataLoader. */
export const loadBuyerGroup = loadedById('buyerGroupById', (queries: BuyerGroupsQueries, ids) => queries.buyerGroupsByIds(ids), buyerGroupFromRow);

export const buyerGroupsOfOrganisation = loadedByOwner(
  'buyerGroupsByOrganisation',
  (queries: BuyerGroupsQueries, ids, status: BuyerGroupStatus | null) => queries.buyerGroupsOfOrganisations(ids, status),
  (row) => row.member_organisation_id,
  buyerGroupFromRow,
);

/** How clients read a buyer group: by id now, or as it was at an instant. */
export const buyerGroupView = {
  query: 'buyerGroup', type: () => BuyerGroupType, load: loadBuyerGroup, fromState: buyerGroupFromState,
  description: 'asOf: the group as it was then (AUDITOR, ADMIN).',
};
