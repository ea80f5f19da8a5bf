import { Inject } from '@nestjs/common';
import { Args, ArgsType, Field, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { SentFor } from '#kernel';
import { AggregateArgs, declareMutations, CommandArgs, CurrentRequest, TimeTravel, commandContext, mapConnection, type CommandOptions, type Connection, type RequestContext, AfterArg, AsOfArg, FirstArg, IdArg } from '#graphql';
import { NetworkQueries, OrganisationType, loadOrganisation } from '#network';
import { NeedCommands, type needRules } from '../application/need.commands.js';
import { needDecider, needStream } from '../domain/need.js';
import { buyerGroupOpportunities } from '../read-model/buyer-group-opportunities.js';
import { investmentInventory, type InventoryDimension } from '../read-model/investment-inventory.js';
import { NeedsQueries } from '../read-model/needs.queries.js';
import { needFromRow, needFromState, opportunityFromRead } from './needs.mappers.js';
import { AmendNeedInput, BuyerGroupOpportunityType, DeclareNeedInput, InventoryDimensionEnum, InventoryEntryType, NeedConnection, NeedFilter, NeedPayload, NeedType } from './needs.types.js';

@ArgsType() class DeclareNeedArgs extends CommandArgs { @Field(() => DeclareNeedInput) input!: DeclareNeedInput; }

@ArgsType() class AmendNeedArgs extends AggregateArgs { @Field(() => AmendNeedInput) changes!: AmendNeedInput; }

@ArgsType() class WithdrawNeedArgs extends AggregateArgs { @Field() reason!: string; }

/** Loads needs by id through the request's DataLoader. */
export function loadNeed(request: RequestContext, queries: NeedsQueries, id: string): Promise<NeedType | null> {
  return request.loaders
    .byKey('needById', (ids) => queries.needsByIds(ids), (row) => row.id)
    .load(id)
    .then((row) => (row ? needFromRow(row) : null));
}

@Resolver(() => NeedType)
export class NeedResolver {
  constructor(
    @Inject(NeedCommands) private readonly commands: NeedCommands,
    @Inject(NeedsQueries) private readonly queries: NeedsQueries,
    @Inject(NetworkQueries) private readonly network: NetworkQueries,
    @Inject(TimeTravel) private readonly timeTravel: TimeTravel,
  ) {}

  @Query(() => NeedType, { nullable: true, description: 'asOf: the need as its own stream tells it then (AUDITOR, ADMIN).' })
  async need(@CurrentRequest() request: RequestContext, @IdArg() id: string, @AsOfArg() asOf?: Date | null): Promise<NeedType | null> {
    if (asOf) return this.timeTravel.asOf(request.actor!, needDecider, needStream(id), asOf, needFromState);
    return loadNeed(request, this.queries, id);
  }

  @Query(() => NeedConnection, { description: 'Needs in the order they were declared.' })
  needs(
    @Args('filter', { type: () => NeedFilter, nullable: true }) filter?: NeedFilter | null,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string,
  ): Connection<NeedType> {
    return mapConnection(this.queries.needs(filter, { first, after }), needFromRow);
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

  async send<T extends keyof typeof needRules>(request: RequestContext, type: T, args: SentFor<(typeof needRules)[T]> & CommandOptions) {
    const change = await this.commands.send(type, args, commandContext(request, args));
    return { need: (await loadNeed(request, this.queries, change.id))!, version: change.version, position: change.position, replayed: change.replayed };
  }
}

declareMutations(NeedResolver, () => NeedPayload, {
  declareNeed: { command: 'DeclareNeed', args: DeclareNeedArgs },
  amendNeed: { command: 'AmendNeed', args: AmendNeedArgs },
  withdrawNeed: { command: 'WithdrawNeed', args: WithdrawNeedArgs },
});
