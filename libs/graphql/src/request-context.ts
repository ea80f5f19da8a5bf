import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor, ConcordError } from '#kernel';
import { Loaders } from './loaders.js';

/** What every resolver gets about the request: who asks, and the per-request loaders. */
export interface RequestContext {
  actor?: Actor;
  /** Why authentication failed, when a token was sent but not accepted. */
  authError?: ConcordError;
  correlationId: string;
  /** The client's network address, for limits per address. */
  clientAddress: string;
  loaders: Loaders;
}

export function requestContextOf(context: ExecutionContext): RequestContext {
  return GqlExecutionContext.create(context).getContext<RequestContext>();
}

/** The authenticated actor; the global guard has already refused anonymous calls. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return requestContextOf(context).actor!;
});

export const CurrentRequest = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  return requestContextOf(context);
});

export function newRequestContext(fields: Omit<RequestContext, 'loaders'>): RequestContext {
  return { ...fields, loaders: new Loaders() };
}
