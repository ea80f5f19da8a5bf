import { Inject } from '@nestjs/common';
import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentRequest, type RequestContext } from '#graphql';
import { OrganisationType } from '#network';
import { NeedsQueries, type NeedStatus } from '../read-model/needs.queries.js';
import { needFromRow } from './needs.mappers.js';
import { NeedStatusEnum, NeedType } from './needs.types.js';

/** `Organisation.needs`: the needs context extends the network's type with what it owns. */
@Resolver(() => OrganisationType)
export class OrganisationNeedsResolver {
  constructor(@Inject(NeedsQueries) private readonly queries: NeedsQueries) {}

  @ResolveField(() => [NeedType], { description: 'The organisation’s needs, in declaration order; all statuses unless one is named.' })
  async needs(
    @CurrentRequest() request: RequestContext,
    @Parent() organisation: OrganisationType,
    @Args('status', { type: () => NeedStatusEnum, nullable: true }) status?: NeedStatus | null,
  ): Promise<NeedType[]> {
    // One loader per status asked for: a page of organisations costs one query per distinct status.
    const rows = await request.loaders
      .groupedBy(
        `needsByOrganisation:${status ?? '*'}`,
        (ids) => this.queries.needsOfOrganisations(ids, status ?? null),
        (row) => row.organisation_id,
      )
      .load(organisation.id);
    return rows.map(needFromRow);
  }
}
