import type { EventCatalog } from '../../../libs/kernel/src/index.js';
import type { Projection } from '../../../libs/projections/src/index.js';
import { networkContext } from '../../../libs/network/src/index.js';
import { needsContext } from '../../../libs/needs/src/index.js';
import { buyerGroupsContext } from '../../../libs/buyer-groups/src/index.js';
import { topicalGroupsContext } from '../../../libs/topical-groups/src/index.js';
import { auditContext } from '../../../libs/audit/src/index.js';

/** What each bounded context contributes to the infrastructure. */
export interface ContextDefinition {
  name: string;
  catalog: EventCatalog;
  projections: Projection[];
}

export const CONTEXTS: ContextDefinition[] = [networkContext, needsContext, buyerGroupsContext, topicalGroupsContext, auditContext];
