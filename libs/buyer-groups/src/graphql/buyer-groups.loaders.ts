import { loadedById } from '#graphql';
import type { BuyerGroupsQueries } from '../read-model/buyer-groups.queries.js';
import { buyerGroupFromRow } from './buyer-groups.mappers.js';

/** Loads buyer groups by id through the request's DataLoader. */
export const loadBuyerGroup = loadedById('buyerGroupById', (queries: BuyerGroupsQueries, ids) => queries.buyerGroupsByIds(ids), buyerGroupFromRow);
