import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentRequest, ReadModelResolver, StatusArg, type RequestContext } from '#graphql';
import { NeedType } from '#needs';
import { OrganisationType } from '#network';
import type { BuyerGroupStatus } from '../domain/buyer-group.js';
import { BuyerGroupsQueries } from '../read-model/buyer-groups.queries.js';
import { buyerGroupsOfOrganisation, loadBuyerGroup } from './buyer-groups.loaders.js';
import { BuyerGroupStatusEnum, BuyerGroupType } from './buyer-groups.types.js';

/** `Need.buyerGroup`: the buyer-groups context extends the needs context's type with what it owns. */
@Resolver(() => NeedType)
export class NeedBuyerGroupResolver extends ReadModelResolver(BuyerGroupsQueries) {
  @ResolveField(() => BuyerGroupType, { nullable: true, description: 'The buyer group pooling the need, while it is POOLED.' })
  buyerGroup(@CurrentRequest() request: RequestContext, @Parent() need: NeedType): Promise<BuyerGroupType | null> | null {
    return need.buyerGroupId ? loadBuyerGroup(request, this.queries, need.buyerGroupId) : null;
  }
}

/** `Organisation.buyerGroups`: the groups an organisation is a current member of. */
@Resolver(() => OrganisationType)
export class OrganisationBuyerGroupsResolver extends ReadModelResolver(BuyerGroupsQueries) {
  @ResolveField(() => [BuyerGroupType], { description: 'Buyer groups the organisation is a member of, in the order they were proposed.' })
  buyerGroups(@CurrentRequest() request: RequestContext, @Parent() organisation: OrganisationType, @StatusArg(() => BuyerGroupStatusEnum) status?: BuyerGroupStatus | null): Promise<BuyerGroupType[]> {
    return buyerGroupsOfOrganisation(request, this.queries, organisation.id, status ?? null);
  }
}
