import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AggregateChange } from '../../../kernel/src/index.js';
import {
  CurrentRequest,
  TimeTravel,
  commandContext,
  mapConnection,
  type Connection,
  type RequestContext,
  AfterArg,
  AsOfArg,
  ExpectedVersionArg,
  FirstArg,
  IdArg,
  IdempotencyKeyArg,
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
    @IdArg() id: string,
    @AsOfArg() asOf?: Date | null,
  ): Promise<NeedType | null> {
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

  @Mutation(() => NeedPayload)
  async declareNeed(
    @CurrentRequest() request: RequestContext,
    @Args('input') input: DeclareNeedInput,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<NeedPayload> {
    const context = commandContext(request, { idempotencyKey });
    return this.payload(request, await this.commandBus.execute(new DeclareNeed(input, context)));
  }

  @Mutation(() => NeedPayload)
  async amendNeed(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @Args('changes') changes: AmendNeedInput,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<NeedPayload> {
    const context = commandContext(request, { idempotencyKey, expectedVersion });
    return this.payload(request, await this.commandBus.execute(new AmendNeed(id, changes, context)));
  }

  @Mutation(() => NeedPayload)
  async withdrawNeed(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @Args('reason') reason: string,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<NeedPayload> {
    const context = commandContext(request, { idempotencyKey, expectedVersion });
    return this.payload(request, await this.commandBus.execute(new WithdrawNeed(id, reason, context)));
  }

  private async payload(request: RequestContext, change: AggregateChange): Promise<NeedPayload> {
    const need = await loadNeed(request, this.queries, change.id);
    return { need: need!, version: change.version, position: change.position };
  }
}
