import type { Type } from '@nestjs/common';
import type { EventCatalog } from '#kernel';
import type { Projection } from '#projections';
import { networkContext } from '#network';
import { needsContext } from '#needs';
import { buyerGroupsContext } from '#buyer-groups';
import { topicalGroupsContext } from '#topical-groups';
import { auditContext } from '#audit';

/** What each bounded context contributes: its Nest module, its event catalogue, its projections. */
export interface ContextDefinition {
  name: string;
  module: Type;
  catalog: EventCatalog;
  projections: Projection[];
}

export const CONTEXTS: ContextDefinition[] = [networkContext, needsContext, buyerGroupsContext, topicalGroupsContext, auditContext];
