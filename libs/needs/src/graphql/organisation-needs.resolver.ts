import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentRequest, ReadModelResolver, StatusArg, type RequestContext } from '#graphql';
import { OrganisationType } from '#network';
import { NeedsQueries, type NeedStatus } from '../read-model/needs.queries.js';
import { needsOfOrganisation } from './needs.loaders.js';
import { NeedStatusEnum, NeedType } from './needs.types.js';

/** `Organisation.needs`: the needs context extends the network's type with what it owns. */
@Resolver(() => OrganisationType)
export class OrganisationNeedsResolver extends ReadModelResolver(NeedsQueries) {
  @ResolveField(() => [NeedType], { description: 'The organisation’s needs, in declaration order; all statuses unless one is named.' })
  needs(@CurrentRequest() request: RequestContext, @Parent() organisation: OrganisationType, @StatusArg(() => NeedStatusEnum) status?: NeedStatus | null): Promise<NeedType[]> {
    return needsOfOrganisation(request, this.queries, organisation.id, status ?? null);
  }
}
