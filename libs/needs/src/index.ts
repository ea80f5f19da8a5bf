import { NeedsModule } from './needs.module.js';
import type { EventCatalog } from '#kernel';
import { needsProjection } from './read-model/needs.projection.js';

export * from './domain/need.js';
export { NEED_RULES } from './domain/need.rules.js';
export * from './domain/cpv.js';
export * from './domain/money.js';
export { targetQuarter, targetYearOf } from './domain/target-quarter.js';
export { needDetails, needChanges, type NeedDetailsInput, type NeedChangesInput } from './domain/need-input.js';
export { NeedCommands } from './application/need.commands.js';
export { NeedsQueries, NEED_STATUSES, type NeedRow, type NeedStatus, type NeedFilter } from './read-model/needs.queries.js';
export { NeedType, NeedStatusEnum, ProcurementApproachEnum } from './graphql/needs.types.js';
export { MoneyType, MoneyInput, CpvType } from './graphql/money.types.js';
export { needFromRow } from './graphql/needs.mappers.js';
export { buyerGroupOpportunities } from './read-model/buyer-group-opportunities.js';
export { loadNeed } from './graphql/needs.loaders.js';

export { NeedsModule };

export const needsContext = {
  name: 'needs',
  module: NeedsModule,
  catalog: {} satisfies EventCatalog,
  projections: [needsProjection],
};
