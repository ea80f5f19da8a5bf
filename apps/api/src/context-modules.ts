import { NetworkModule } from '../../../libs/network/src/index.js';
import type { Type } from '@nestjs/common';

/** The Nest module of every bounded context, mounted by the API. */
export const CONTEXT_MODULES: Type[] = [NetworkModule];
