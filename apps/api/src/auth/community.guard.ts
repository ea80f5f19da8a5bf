import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Forbidden, hasRole } from '../../../../libs/kernel/src/index.js';
import { ANY_AUTHENTICATED, requestContextOf } from '../../../../libs/graphql/src/index.js';
import { NetworkQueries } from '../../../../libs/network/src/index.js';

/**
 * The role table's readers are "any authenticated member; AUDITOR; ADMIN": a valid token whose
 * subject is neither a community member nor holds a platform role (any user of an OpenID
 * Connect provider, say) may not use the API.
 */
@Injectable()
export class CommunityGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(NetworkQueries) private readonly network: NetworkQueries,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    if (this.reflector.getAllAndOverride<boolean>(ANY_AUTHENTICATED, [context.getHandler(), context.getClass()])) return true;
    const actor = requestContextOf(context).actor;
    if (!actor) return true; // anonymous calls are the authentication guard's to refuse
    if (hasRole(actor, 'ADMIN') || hasRole(actor, 'AUDITOR')) return true;
    if (this.network.member(actor.subject)) return true;
    throw new Forbidden(`${actor.subject} is not a member of the community`);
  }
}
