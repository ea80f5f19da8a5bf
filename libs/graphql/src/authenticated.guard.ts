import { Injectable, type CanActivate, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Unauthenticated } from '#kernel';
import { requestContextOf } from './request-context.js';

const PUBLIC = 'concord:public';
/** Marks a resolver that answers without a token. */
export const Public = () => SetMetadata(PUBLIC, true);

export const ANY_AUTHENTICATED = 'concord:any-authenticated';
/** Marks an operation any valid token may call, community member or not (`me`, `myRoles`). */
export const AnyAuthenticated = () => SetMetadata(ANY_AUTHENTICATED, true);

/** Every GraphQL operation needs a valid token unless marked @Public(). */
@Injectable()
export class AuthenticatedGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = requestContextOf(context);
    if (request.authError) throw request.authError;
    if (!request.actor) throw new Unauthenticated();
    return true;
  }
}
