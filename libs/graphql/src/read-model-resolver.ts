import { Inject } from '@nestjs/common';
import type { Type } from '@nestjs/common';

/**
 * What a resolver over one context's read model starts from: that read model, injected once as a
 * property, so a resolver (or a base built on this one) declares only what else it needs.
 */
export function ReadModelResolver<Queries>(queries: Type<Queries>) {
  abstract class ReadModelResolverBase {
    @Inject(queries) readonly queries!: Queries;
  }
  return ReadModelResolverBase;
}
