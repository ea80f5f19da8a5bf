import { NetworkModule } from '../../../libs/network/src/index.js';
import { NeedsModule } from '../../../libs/needs/src/index.js';
import { BuyerGroupsModule } from '../../../libs/buyer-groups/src/index.js';
import { TopicalGroupsModule } from '../../../libs/topical-groups/src/index.js';
import { AuditModule } from '../../../libs/audit/src/index.js';
import type { Type } from '@nestjs/common';

/** The Nest module of every bounded context, mounted by the API. */
export const CONTEXT_MODULES: Type[] = [NetworkModule, NeedsModule, BuyerGroupsModule, TopicalGroupsModule, AuditModule];
