import { Inject } from '@nestjs/common';
import type { RequestContext } from '#graphql';
import { NetworkQueries } from '../read-model/network.queries.js';
import { loadMember, loadOrganisation } from './network.resolver.js';
import type { MemberType, OrganisationType } from './network.types.js';

/**
 * What a resolver of another context's references to organisations and members starts from:
 * the network's read model, through the request's DataLoaders. Only registered organisations and
 * members are referred to, and neither is ever deleted, so a reference always finds its node.
 */
export abstract class NetworkReferences {
  @Inject(NetworkQueries) protected readonly network!: NetworkQueries;

  protected async organisationOf(request: RequestContext, id: string): Promise<OrganisationType> {
    return (await loadOrganisation(request, this.network, id))!;
  }

  protected async memberOf(request: RequestContext, id: string): Promise<MemberType> {
    return (await loadMember(request, this.network, id))!;
  }
}
