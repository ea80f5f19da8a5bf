import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { RequestContext } from '#graphql';
import { RateLimiter } from './rate-limiter.js';

/**
 * Mutations per caller (the token's subject). Nest runs guards once per root field, so each
 * mutation of a request counts, aliased or not, over either transport.
 */
@Injectable()
export class MutationRateGuard implements CanActivate {
  constructor(@Inject(RateLimiter) private readonly limiter: RateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const graphql = GqlExecutionContext.create(context);
    if (graphql.getInfo().operation.operation !== 'mutation') return true;
    const request = graphql.getContext<RequestContext>();
    const refusal = await this.limiter.mutation(request.actor ? `caller:${request.actor.subject}` : `address:${request.clientAddress}`);
    if (refusal) throw refusal;
    return true;
  }
}
