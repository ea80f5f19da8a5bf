import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentRequest, loadedByOwner, StatusArg, type RequestContext } from '#graphql';
import { OrganisationType } from '#network';
import { NeedsQueries, type NeedStatus } from '../read-model/needs.queries.js';
import { needFromRow } from './needs.mappers.js';
import { NeedStatusEnum, NeedType } from './needs.types.js';

const needsOfOrganisation = loadedByOwner(
  'needsByOrganisation',
  (queries: NeedsQueries, ids, status: NeedStatus | null) => queries.needsOfOrganisations(ids, status),
  (row) => row.organisation_id,
  needFromRow,
);

/** `Organisation.needs`: the needs context extends the network's type with what it owns. */
@Resolver(() => OrganisationType)
export class OrganisationNeedsResolver {
  constructor(@Inject(NeedsQueries) private readonly queries: NeedsQueries) {}

  @ResolveField(() => [NeedType], { description: 'The organisation’s needs, in declaration order; all statuses unless one is named.' })
  needs(@CurrentRequest() request: RequestContext, @Parent() organisation: OrganisationType, @StatusArg(() => NeedStatusEnum) status?: NeedStatus | null): Promise<NeedType[]> {
    return needsOfOrganisation(request, this.queries, organisation.id, status ?? null);
  }
}
