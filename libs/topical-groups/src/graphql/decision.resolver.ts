import { Inject } from '@nestjs/common';
import { Args, ID, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { NotFound, type AggregateChange } from '#kernel';
import { declareMutations, CommandResolver, CurrentRequest, mapConnection, PageArgs, type Connection, type RequestContext } from '#graphql';
import { MemberType, referringToNetwork } from '#network';
import { TopicalGroupCommands } from '../application/topical-group.commands.js';
import { TopicalGroupQueries } from '../read-model/topical-groups.queries.js';
import { DecisionFeed } from './decision-feed.js';
import { DecisionFilterInput } from './topical-groups.inputs.js';
import { loadDecision, loadTopicalGroup, readingTime, votesOfDecision } from './topical-groups.loaders.js';
import { decisionFromRow } from './topical-groups.mappers.js';
import { DecisionConnection, DecisionPayload, DecisionType, TopicalGroupType, VoteType } from './topical-groups.types.js';
import { ProposeDecisionArgs, DecisionArgs, CastVoteArgs } from './decision.args.js';

@Resolver(() => DecisionType)
export class DecisionResolver extends referringToNetwork(CommandResolver(TopicalGroupCommands, TopicalGroupQueries)) {
  @Inject(DecisionFeed) private readonly feed!: DecisionFeed;

  @Query(() => DecisionConnection, { description: 'Decisions across topical groups, oldest proposal first.' })
  decisions(
    @CurrentRequest() request: RequestContext,
    @Args('filter', { type: () => DecisionFilterInput, nullable: true }) filter: DecisionFilterInput | null,
    @Args() page: PageArgs,
  ): Connection<DecisionType> {
    const now = readingTime(request);
    return mapConnection(this.queries.decisions(filter ?? {}, page, now), (row) => decisionFromRow(row, now));
  }

  @ResolveField(() => TopicalGroupType)
  async topicalGroup(@CurrentRequest() request: RequestContext, @Parent() decision: DecisionType): Promise<TopicalGroupType> {
    return decision.snapshot?.group ?? (await loadTopicalGroup(request, this.queries, decision.topicalGroupId))!;
  }

  @ResolveField(() => MemberType)
  async proposedBy(@CurrentRequest() request: RequestContext, @Parent() decision: DecisionType): Promise<MemberType> {
    return this.memberOf(request, decision.proposedById);
  }

  @ResolveField(() => [VoteType], { description: 'The last vote of each member, in the order members first voted.' })
  votes(@CurrentRequest() request: RequestContext, @Parent() decision: DecisionType): VoteType[] | Promise<VoteType[]> {
    return decision.snapshot?.votes ?? votesOfDecision(request, this.queries, decision.id);
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

  override async answer(request: RequestContext, change: AggregateChange) {
    const { decisionId } = change.command as { decisionId: string };
    return { decision: (await loadDecision(request, this.queries, decisionId))! };
  }
}

declareMutations(DecisionResolver, () => DecisionPayload, {
  proposeDecision: { command: 'ProposeDecision', args: ProposeDecisionArgs, description: 'Members of the group only.' },
  castVote: { command: 'CastVote', args: CastVoteArgs, description: 'Members of the group, while the decision is OPEN; a new vote replaces the earlier one.' },
  closeDecision: { command: 'CloseDecision', args: DecisionArgs, description: 'The group leader only: ADOPTED with more FOR than AGAINST, otherwise REJECTED.' },
});
