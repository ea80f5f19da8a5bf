import { Inject } from '@nestjs/common';
import { Args, ArgsType, Field, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AggregateArgs, declareMutations, CommandArgs, CommandResolver, CurrentRequest, loadedById, mapConnection, PageArgs, type Connection, type RequestContext } from '#graphql';
import { NetworkQueries, OrganisationType, loadOrganisation } from '#network';
import { NeedCommands } from '../application/need.commands.js';
import { buyerGroupOpportunities } from '../read-model/buyer-group-opportunities.js';
import { investmentInventory, type InventoryDimension } from '../read-model/investment-inventory.js';
import { NeedsQueries } from '../read-model/needs.queries.js';
import { needFromRow, needFromState, opportunityFromRead } from './needs.mappers.js';
import { AmendNeedInput, BuyerGroupOpportunityType, DeclareNeedInput, InventoryDimensionEnum, InventoryEntryType, NeedConnection, NeedFilter, NeedPayload, NeedType } from './needs.types.js';

@ArgsType() class DeclareNeedArgs extends CommandArgs { @Field(() => DeclareNeedInput) input!: DeclareNeedInput; }

@ArgsType() class AmendNeedArgs extends AggregateArgs { @Field(() => AmendNeedInput) changes!: AmendNeedInput; }

@ArgsType() class WithdrawNeedArgs extends AggregateArgs { @Field() reason!: string; }

/** Loads needs by id through the request's DataLoader. */
export const loadNeed = loadedById('needById', (queries: NeedsQueries, ids) => queries.needsByIds(ids), needFromRow);

@Resolver(() => NeedType)
export class NeedResolver extends CommandResolver(NeedCommands, NeedsQueries, {
  query: 'need', type: () => NeedType, load: loadNeed, fromState: needFromState,
  description: 'asOf: the need as its own stream tells it then (AUDITOR, ADMIN).',
}) {
  @Inject(NetworkQueries) private readonly network!: NetworkQueries;

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
    // Needs are declared by registered organisations only, and organisations are never deleted.
    return (await loadOrganisation(request, this.network, need.organisationId))!;
  }
}

declareMutations(NeedResolver, () => NeedPayload, {
  declareNeed: { command: 'DeclareNeed', args: DeclareNeedArgs },
  amendNeed: { command: 'AmendNeed', args: AmendNeedArgs },
  withdrawNeed: { command: 'WithdrawNeed', args: WithdrawNeedArgs },
});
