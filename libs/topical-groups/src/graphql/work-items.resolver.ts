import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentRequest, ReadModelResolver, type RequestContext } from '#graphql';
import { MemberType, NetworkReferences, loadMember, referringToNetwork } from '#network';
import { TopicalGroupQueries } from '../read-model/topical-groups.queries.js';
import { membersByIds } from './members.js';
import { loadDecision } from './topical-groups.loaders.js';
import { ActionItemType, DecisionType, MeetingType, VoteType } from './topical-groups.types.js';

@Resolver(() => MeetingType)
export class MeetingResolver extends NetworkReferences {
  @ResolveField(() => [MemberType])
  attendees(@CurrentRequest() request: RequestContext, @Parent() meeting: MeetingType): Promise<MemberType[]> {
    return membersByIds(request, this.network, meeting.attendeeIds);
  }
}

@Resolver(() => VoteType)
export class VoteResolver extends NetworkReferences {
  @ResolveField(() => MemberType)
  member(@CurrentRequest() request: RequestContext, @Parent() vote: VoteType): Promise<MemberType> {
    return this.memberOf(request, vote.memberId);
  }
}

@Resolver(() => ActionItemType)
export class ActionItemResolver extends referringToNetwork(ReadModelResolver(TopicalGroupQueries)) {
  @ResolveField(() => MemberType)
  assignee(@CurrentRequest() request: RequestContext, @Parent() action: ActionItemType): Promise<MemberType> {
    return this.memberOf(request, action.assigneeId);
  }

  @ResolveField(() => DecisionType, { nullable: true, description: 'The decision this action carries out, if any.' })
  decision(@CurrentRequest() request: RequestContext, @Parent() action: ActionItemType): DecisionType | null | Promise<DecisionType | null> {
    if (action.snapshotDecision !== undefined) return action.snapshotDecision;
    return action.decisionId ? loadDecision(request, this.queries, action.decisionId) : null;
  }

  @ResolveField(() => MemberType, { nullable: true, description: 'The assignee or the leader who completed it.' })
  completedBy(@CurrentRequest() request: RequestContext, @Parent() action: ActionItemType): Promise<MemberType | null> | null {
    return action.completedById ? loadMember(request, this.network, action.completedById) : null;
  }
}
