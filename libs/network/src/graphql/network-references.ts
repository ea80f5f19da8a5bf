import { Inject } from '@nestjs/common';
import type { RequestContext } from '#graphql';
import { NetworkQueries } from '../read-model/network.queries.js';
import { loadMember, loadOrganisation } from './network.loaders.js';
import type { MemberType, OrganisationType } from './network.types.js';

// The constructor type TypeScript asks of a mixin's base.
type Class = abstract new (...args: any[]) => object;

/**
 * What a resolver of another context's references to organisations and members adds to its base:
 * the network's read model, through the request's DataLoaders. Only registered organisations and
 * members are referred to, and neither is ever deleted, so a reference always finds its node.
 */
export function referringToNetwork<Base extends Class>(base: Base) {
  abstract class NetworkReferring extends base {
    @Inject(NetworkQueries) protected readonly network!: NetworkQueries;

    protected async organisationOf(request: RequestContext, id: string): Promise<OrganisationType> {
      return (await loadOrganisation(request, this.network, id))!;
    }

    protected async memberOf(request: RequestContext, id: string): Promise<MemberType> {
      return (await loadMember(request, this.network, id))!;
    }
  }
  return NetworkReferring;
}

/** A resolver of nothing but references into the network. */
export const NetworkReferences = referringToNetwork(class {});
