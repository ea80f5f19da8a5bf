import { TopicalGroupsModule } from './topical-groups.module.js';
import type { EventCatalog } from '#kernel';
import { topicalGroupsProjection } from './read-model/topical-groups.projection.js';

export * from './domain/topical-group.js';
export { TopicalGroupQueries, type TopicalGroupRow, type DecisionRow } from './read-model/topical-groups.queries.js';
export { TopicalGroupType, DecisionType, MeetingType, ActionItemType } from './graphql/topical-groups.types.js';
export { loadTopicalGroup, loadDecision } from './graphql/topical-groups.loaders.js';

export { TopicalGroupCommands } from './application/topical-group.commands.js';
export { TopicalGroupsModule };

export const topicalGroupsContext = {
  name: 'topical-groups',
  module: TopicalGroupsModule,
  // No personal data of its own: members appear by id, their names live in the network context.
  catalog: {} satisfies EventCatalog,
  projections: [topicalGroupsProjection],
};
