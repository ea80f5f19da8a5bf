import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Forbidden, hasRole } from '#kernel';
import { ANY_AUTHENTICATED, requestContextOf } from '#graphql';
import { NetworkQueries } from '#network';

/**
 * The role table's readers are "any authenticated member; AUDITOR; ADMIN": a valid token whose
 * subject is neither a community member nor holds a platform role (any user of an OpenID
 * Connect provider, say) may not use the API, nor may a member who erased her personal data.
 * Guards run for every operation, over HTTP and graphql-ws alike.
 */
@Injectable()
export class CommunityGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(NetworkQueries) private readonly network: NetworkQueries,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const actor = requestContextOf(context).actor;
    if (!actor) return true; // anonymous calls are the authentication guard's to refuse
    const member = this.network.member(actor.subject);
    // Erasing one's personal data is leaving the community for good: her history stays, her
    // right to act does not, whatever her token says.
    if (member?.erased) throw new Forbidden(`${actor.subject} erased their personal data and left the community`);
    if (this.reflector.getAllAndOverride<boolean>(ANY_AUTHENTICATED, [context.getHandler(), context.getClass()])) return true;
    if (hasRole(actor, 'ADMIN') || hasRole(actor, 'AUDITOR')) return true;
    if (member) return true;
    throw new Forbidden(`${actor.subject} is not a member of the community`);
  }
}
