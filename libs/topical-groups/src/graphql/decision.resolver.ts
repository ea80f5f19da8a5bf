import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { NotFound } from '../../../kernel/src/index.js';
import {
  CurrentRequest,
  commandContext,
  mapConnection,
  type Connection,
  type RequestContext,
  AfterArg,
  ExpectedVersionArg,
  FirstArg,
  IdArg,
  IdempotencyKeyArg,
} from '../../../graphql/src/index.js';
import { MemberType, NetworkQueries, loadMember } from '../../../network/src/index.js';
import type { TopicalGroupChange } from '../application/on-topical-group.js';
import { CastVote, CloseDecision, ProposeDecision } from '../application/work.commands.js';
import type { VoteChoice } from '../domain/topical-group.js';
import { TopicalGroupQueries } from '../read-model/topical-groups.queries.js';
import { DecisionFeed } from './decision-feed.js';
import { DecisionFilterInput, ProposeDecisionInput } from './topical-groups.inputs.js';
import { loadDecision, loadTopicalGroup, readingTime, votesOfDecision } from './topical-groups.loaders.js';
import { decisionFromRow } from './topical-groups.mappers.js';
import {
  DecisionConnection,
  DecisionPayload,
  DecisionType,
  TopicalGroupType,
  VoteChoiceEnum,
  VoteType,
} from './topical-groups.types.js';

@Resolver(() => DecisionType)
export class DecisionResolver {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(TopicalGroupQueries) private readonly queries: TopicalGroupQueries,
    @Inject(NetworkQueries) private readonly network: NetworkQueries,
    @Inject(DecisionFeed) private readonly feed: DecisionFeed,
  ) {}

  @Query(() => DecisionConnection, { description: 'Decisions across topical groups, oldest proposal first.' })
  decisions(
    @CurrentRequest() request: RequestContext,
    @Args('filter', { type: () => DecisionFilterInput, nullable: true }) filter?: DecisionFilterInput | null,
    @FirstArg() first?: number,
    @AfterArg() after?: string,
  ): Connection<DecisionType> {
    const now = readingTime(request);
    return mapConnection(this.queries.decisions(filter ?? {}, { first, after }, now), (row) => decisionFromRow(row, now));
  }

  @ResolveField(() => TopicalGroupType)
  async topicalGroup(@CurrentRequest() request: RequestContext, @Parent() decision: DecisionType): Promise<TopicalGroupType> {
    return decision.snapshot?.group ?? (await loadTopicalGroup(request, this.queries, decision.topicalGroupId))!;
  }

  @ResolveField(() => MemberType)
  async proposedBy(@CurrentRequest() request: RequestContext, @Parent() decision: DecisionType): Promise<MemberType> {
    return (await loadMember(request, this.network, decision.proposedById))!;
  }

  @ResolveField(() => [VoteType], { description: 'The last vote of each member, in the order members first voted.' })
  votes(@CurrentRequest() request: RequestContext, @Parent() decision: DecisionType): VoteType[] | Promise<VoteType[]> {
    return decision.snapshot?.votes ?? votesOfDecision(request, this.queries, decision.id);
  }

  @Mutation(() => DecisionPayload, { description: 'Members of the group only.' })
  async proposeDecision(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @Args('input') input: ProposeDecisionInput,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<DecisionPayload> {
    const context = commandContext(request, { idempotencyKey, expectedVersion });
    return this.payload(request, await this.commandBus.execute(new ProposeDecision(id, input, context)));
  }

  @Mutation(() => DecisionPayload, { description: 'Members of the group, while the decision is OPEN; a new vote replaces the earlier one.' })
  async castVote(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @IdArg('decisionId') decisionId: string,
    @Args('choice', { type: () => VoteChoiceEnum }) choice: VoteChoice,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<DecisionPayload> {
    const context = commandContext(request, { idempotencyKey, expectedVersion });
    return this.payload(request, await this.commandBus.execute(new CastVote(id, decisionId, choice, context)));
  }

  @Mutation(() => DecisionPayload, { description: 'The group leader only: ADOPTED with more FOR than AGAINST, otherwise REJECTED.' })
  async closeDecision(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @IdArg('decisionId') decisionId: string,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<DecisionPayload> {
    const context = commandContext(request, { idempotencyKey, expectedVersion });
    return this.payload(request, await this.commandBus.execute(new CloseDecision(id, decisionId, context)));
  }

  @Subscription(() => DecisionType, {
    description:
      'A decision on its proposal, every vote and its close. Without topicalGroupId: of every group the subscriber belongs to at the time of the change.',
    resolve: (decision: DecisionType) => decision,
  })
  decisionUpdated(
    @CurrentRequest() request: RequestContext,
    @Args('topicalGroupId', { type: () => ID, nullable: true }) topicalGroupId?: string | null,
  ): AsyncIterableIterator<DecisionType> {
    if (topicalGroupId && !this.queries.group(topicalGroupId)) throw new NotFound('topical group', topicalGroupId);
    return this.feed.follow(request.actor!.subject, topicalGroupId ?? null, request.loaders);
  }

  private async payload(request: RequestContext, change: TopicalGroupChange): Promise<DecisionPayload> {
    const decision = await loadDecision(request, this.queries, change.decisionId!);
    return { decision: decision!, version: change.version, position: change.position };
  }
}
