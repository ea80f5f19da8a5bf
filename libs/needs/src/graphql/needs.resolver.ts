import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { declareMutations, CommandResolver, CurrentRequest, mapConnection, PageArgs, type Connection, type RequestContext } from '#graphql';
import { OrganisationType, referringToNetwork } from '#network';
import { NeedCommands } from '../application/need.commands.js';
import { buyerGroupOpportunities } from '../read-model/buyer-group-opportunities.js';
import { investmentInventory, type InventoryDimension } from '../read-model/investment-inventory.js';
import { NeedsQueries } from '../read-model/needs.queries.js';
import { needView } from './needs.loaders.js';
import { needFromRow, opportunityFromRead } from './needs.mappers.js';
import { BuyerGroupOpportunityType, InventoryDimensionEnum, InventoryEntryType, NeedConnection, NeedFilter, NeedPayload, NeedType } from './needs.types.js';
import { DeclareNeedArgs, AmendNeedArgs, WithdrawNeedArgs } from './needs.args.js';

@Resolver(() => NeedType)
export class NeedResolver extends referringToNetwork(CommandResolver(NeedCommands, NeedsQueries, needView)) {
  @Query(() => NeedConnection, { description: 'Needs in the order they were declared.' })
  needs(@Args('filter', { type: () => NeedFilter, nullable: true }) filter: NeedFilter | null, @Args() page: PageArgs): Connection<NeedType> {
    return mapConnection(this.queries.needs(filter, page), needFromRow);
  }

  @Query(() => [InventoryEntryType], {
    description: 'Needs summed along the dimensions, in order; OPEN and POOLED needs unless the filter names a status.',
  })
  investmentInventory(
    @Args('groupBy', { type: () => [InventoryDimensionEnum] }) groupBy: InventoryDimension[],
    @Args('filter', { type: () => NeedFilter, nullable: true }) filter?: NeedFilter | null,
  ): InventoryEntryType[] {
    return investmentInventory(this.queries.inventoryNeeds(filter), groupBy);
  }

  @Query(() => [BuyerGroupOpportunityType], {
    description: 'Open needs offered for joint procurement, by CPV group, from organisations of at least minCountries countries.',
  })
  buyerGroupOpportunities(
    @Args('minCountries', { type: () => Int, nullable: true, defaultValue: 2 }) minCountries?: number | null,
  ): BuyerGroupOpportunityType[] {
    return buyerGroupOpportunities(this.queries.jointProcurementCandidates(), minCountries ?? 2).map(opportunityFromRead);
  }

  @ResolveField(() => OrganisationType)
  async organisation(@CurrentRequest() request: RequestContext, @Parent() need: NeedType): Promise<OrganisationType> {
    return this.organisationOf(request, need.organisationId);
  }
}

declareMutations(NeedResolver, () => NeedPayload, {
  declareNeed: { command: 'DeclareNeed', args: DeclareNeedArgs },
  amendNeed: { command: 'AmendNeed', args: AmendNeedArgs },
  withdrawNeed: { command: 'WithdrawNeed', args: WithdrawNeedArgs },
});
