import type { Type } from '@nestjs/common';
import type { EventCatalog } from '../../kernel/src/index.js';
import type { Projection } from '../../projections/src/index.js';
import { networkContext } from '../../network/src/index.js';
import { needsContext } from '../../needs/src/index.js';
import { buyerGroupsContext } from '../../buyer-groups/src/index.js';
import { topicalGroupsContext } from '../../topical-groups/src/index.js';
import { auditContext } from '../../audit/src/index.js';

/** What each bounded context contributes: its Nest module, its event catalogue, its projections. */
export interface ContextDefinition {
  name: string;
  module: Type;
  catalog: EventCatalog;
  projections: Projection[];
}

export const CONTEXTS: ContextDefinition[] = [networkContext, needsContext, buyerGroupsContext, topicalGroupsContext, auditContext];
