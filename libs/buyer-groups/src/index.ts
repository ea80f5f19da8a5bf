import { BuyerGroupsModule } from './buyer-groups.module.js';
import type { EventCatalog } from '#kernel';
import { buyerGroupsProjection } from './read-model/buyer-groups.projection.js';
import { unfinishedChangesProjection } from './read-model/unfinished-changes.projection.js';

export * from './domain/buyer-group.js';
export { UNFINISHED_CHANGE_GRACE_MS } from './buyer-groups.module.js';
export { UnfinishedChanges } from './application/unfinished-changes.js';
export { BuyerGroupsQueries, groupOf, type BuyerGroupRow, type BuyerGroupFilter } from './read-model/buyer-groups.queries.js';
export { BuyerGroupType, BuyerGroupStatusEnum } from './graphql/buyer-groups.types.js';
export { buyerGroupFromRow, buyerGroupFromState } from './graphql/buyer-groups.mappers.js';
export { loadBuyerGroup } from './graphql/buyer-groups.loaders.js';

/** No personal data in buyer-group events: signatories are referred to by member id only. */
export { BuyerGroupCommands } from './application/buyer-group.commands.js';
export { BuyerGroupsModule };

export const buyerGroupsContext = {
  name: 'buyer-groups',
  module: BuyerGroupsModule,
  catalog: {} satisfies EventCatalog,
  projections: [buyerGroupsProjection, unfinishedChangesProjection],
};
