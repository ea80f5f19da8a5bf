import type { RequestContext } from '#graphql';
import type { BuyerGroupsQueries } from '../read-model/buyer-groups.queries.js';
import { buyerGroupFromRow } from './buyer-groups.mappers.js';
import type { BuyerGroupType } from './buyer-groups.types.js';

/** Loads buyer groups by id through the request's DataLoader. */
export function loadBuyerGroup(request: RequestContext, queries: BuyerGroupsQueries, id: string): Promise<BuyerGroupType | null> {
  return request.loaders
    .byKey('buyerGroupById', (ids) => queries.buyerGroupsByIds(ids), (row) => row.id)
    .load(id)
    .then((row) => (row ? buyerGroupFromRow(row) : null));
}
