import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AggregateChange } from '../../../kernel/src/index.js';
import {
  CurrentRequest,
  TimeTravel,
  commandContext,
  mapConnection,
  type Connection,
  type RequestContext,
} from '../../../graphql/src/index.js';
import { NetworkQueries, OrganisationType, loadOrganisation } from '../../../network/src/index.js';
import { AmendNeed, DeclareNeed, WithdrawNeed } from '../application/need.commands.js';
import { needDecider, needStream } from '../domain/need.js';
import { buyerGroupOpportunities } from '../read-model/buyer-group-opportunities.js';
import { investmentInventory, type InventoryDimension } from '../read-model/investment-inventory.js';
import { NeedsQueries } from '../read-model/needs.queries.js';
import { needFromRow, needFromState, opportunityFromRead } from './needs.mappers.js';
import {
  AmendNeedInput,
  BuyerGroupOpportunityType,
  DeclareNeedInput,
  InventoryDimensionEnum,
  InventoryEntryType,
  NeedConnection,
  NeedFilter,
  NeedPayload,
  NeedType,
} from './needs.types.js';

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
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(NeedsQueries) private readonly queries: NeedsQueries,
    @Inject(NetworkQueries) private readonly network: NetworkQueries,
    @Inject(TimeTravel) private readonly timeTravel: TimeTravel,
  ) {}

  @Query(() => NeedType, { nullable: true, description: 'asOf: the need as its own stream tells it then (AUDITOR, ADMIN).' })
  async need(
    @CurrentRequest() request: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('asOf', { type: () => Date, nullable: true }) asOf?: Date | null,
  ): Promise<NeedType | null> {
    if (asOf) return this.timeTravel.asOf(request.actor!, needDecider, needStream(id), asOf, needFromState);
    return loadNeed(request, this.queries, id);
  }

  @Query(() => NeedConnection, { description: 'Needs in the order they were declared.' })
  needs(
    @Args('filter', { type: () => NeedFilter, nullable: true }) filter?: NeedFilter | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number | null,
    @Args('after', { nullable: true }) after?: string,
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

  @Mutation(() => NeedPayload)
  async declareNeed(
    @CurrentRequest() request: RequestContext,
    @Args('input') input: DeclareNeedInput,
    @Args('idempotencyKey', { nullable: true }) idempotencyKey?: string,
  ): Promise<NeedPayload> {
    const context = commandContext(request, { idempotencyKey });
    return this.payload(request, await this.commandBus.execute(new DeclareNeed(input, context)));
  }

  @Mutation(() => NeedPayload)
  async amendNeed(
    @CurrentRequest() request: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('changes') changes: AmendNeedInput,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion?: number,
    @Args('idempotencyKey', { nullable: true }) idempotencyKey?: string,
  ): Promise<NeedPayload> {
    const context = commandContext(request, { idempotencyKey, expectedVersion });
    return this.payload(request, await this.commandBus.execute(new AmendNeed(id, changes, context)));
  }

  @Mutation(() => NeedPayload)
  async withdrawNeed(
    @CurrentRequest() request: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion?: number,
    @Args('idempotencyKey', { nullable: true }) idempotencyKey?: string,
  ): Promise<NeedPayload> {
    const context = commandContext(request, { idempotencyKey, expectedVersion });
    return this.payload(request, await this.commandBus.execute(new WithdrawNeed(id, reason, context)));
  }

  private async payload(request: RequestContext, change: AggregateChange): Promise<NeedPayload> {
    const need = await loadNeed(request, this.queries, change.id);
    return { need: need!, version: change.version, position: change.position };
  }
}
