import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AggregateChange } from '#kernel';
import { AggregateArgs, declareMutations, CommandResolver, CurrentRequest, mapConnection, PageArgs, StatusArg, type Connection, type RequestContext } from '#graphql';
import { MemberType, loadMember, referringToNetwork } from '#network';
import { TopicalGroupCommands } from '../application/topical-group.commands.js';
import type { DecisionStatus } from '../domain/topical-group.js';
import { TopicalGroupQueries } from '../read-model/topical-groups.queries.js';
import { actionsOfGroup, decisionsOfGroup, loadAction, loadMeeting, loadTopicalGroup, meetingsOfGroup, topicalGroupView, memberIdsOfGroup } from './topical-groups.loaders.js';
import { topicalGroupFromRow } from './topical-groups.mappers.js';
import { membersByIds } from './members.js';
import { ActionItemType, DecisionStatusEnum, DecisionType, MeetingType, TopicalGroupConnection, TopicalGroupPayload, TopicalGroupType } from './topical-groups.types.js';
import { CreateTopicalGroupArgs, RenameTopicalGroupArgs, AppointTopicalGroupLeaderArgs, RecordMeetingArgs, AssignActionArgs, CompleteActionArgs } from './topical-group.args.js';

@Resolver(() => TopicalGroupType)
export class TopicalGroupResolver extends referringToNetwork(CommandResolver(TopicalGroupCommands, TopicalGroupQueries, topicalGroupView)) {
  @Query(() => TopicalGroupConnection, { description: 'Topical groups by name.' })
  topicalGroups(@Args() page: PageArgs): Connection<TopicalGroupType> {
    return mapConnection(this.queries.groups(page), topicalGroupFromRow);
  }

  @ResolveField(() => MemberType, { nullable: true })
  leader(@CurrentRequest() request: RequestContext, @Parent() group: TopicalGroupType): Promise<MemberType | null> | null {
    return group.leaderId ? loadMember(request, this.network, group.leaderId) : null;
  }

  @ResolveField(() => [MemberType], { description: 'In the order they joined; the leader is one of them.' })
  async members(@CurrentRequest() request: RequestContext, @Parent() group: TopicalGroupType): Promise<MemberType[]> {
    const ids = group.snapshot?.memberIds ?? (await memberIdsOfGroup(request, this.queries, group.id));
    return membersByIds(request, this.network, ids);
  }

  @ResolveField(() => [MeetingType], { description: 'By the date they were held.' })
  meetings(@CurrentRequest() request: RequestContext, @Parent() group: TopicalGroupType): MeetingType[] | Promise<MeetingType[]> {
    return group.snapshot?.meetings ?? meetingsOfGroup(request, this.queries, group.id);
  }

  @ResolveField(() => [DecisionType], { description: 'In the order they were proposed.' })
  async decisions(@CurrentRequest() request: RequestContext, @Parent() group: TopicalGroupType, @StatusArg(() => DecisionStatusEnum) status?: DecisionStatus | null): Promise<DecisionType[]> {
    const decisions = group.snapshot?.decisions ?? (await decisionsOfGroup(request, this.queries, group.id));
    return status ? decisions.filter((decision) => decision.status === status) : decisions;
  }

  @ResolveField(() => [ActionItemType], { description: 'In the order they were assigned.' })
  actions(@CurrentRequest() request: RequestContext, @Parent() group: TopicalGroupType): ActionItemType[] | Promise<ActionItemType[]> {
    return group.snapshot?.actions ?? actionsOfGroup(request, this.queries, group.id);
  }

  @ResolveField(() => Int, { description: 'Decisions still OPEN after their dueBy.' })
  async overdueDecisions(@CurrentRequest() request: RequestContext, @Parent() group: TopicalGroupType): Promise<number> {
    return (await this.decisions(request, group)).filter((decision) => decision.overdue).length;
  }

  @ResolveField(() => Int, { description: 'Actions not completed after their dueBy.' })
  async overdueActions(@CurrentRequest() request: RequestContext, @Parent() group: TopicalGroupType): Promise<number> {
    return (await this.actions(request, group)).filter((action) => action.overdue).length;
  }

  override async answer(request: RequestContext, change: AggregateChange) {
    const { meetingId, actionId } = change.command as { meetingId?: string; actionId?: string };
    const [topicalGroup, meeting, action] = await Promise.all([
      loadTopicalGroup(request, this.queries, change.id),
      meetingId ? loadMeeting(request, this.queries, meetingId) : null,
      actionId ? loadAction(request, this.queries, actionId) : null,
    ]);
    return { topicalGroup: topicalGroup!, meeting, action };
  }
}

declareMutations(TopicalGroupResolver, () => TopicalGroupPayload, {
  createTopicalGroup: { command: 'CreateTopicalGroup', args: CreateTopicalGroupArgs, description: 'ADMIN only.' },
  renameTopicalGroup: { command: 'RenameTopicalGroup', args: RenameTopicalGroupArgs, description: 'ADMIN only.' },
  appointTopicalGroupLeader: { command: 'AppointTopicalGroupLeader', args: AppointTopicalGroupLeaderArgs, description: 'ADMIN only. The member joins the group if not yet in it; a previous leader is replaced.' },
  joinTopicalGroup: { command: 'JoinTopicalGroup', args: AggregateArgs, description: 'The caller joins; they must be a member of the community.' },
  leaveTopicalGroup: { command: 'LeaveTopicalGroup', args: AggregateArgs, description: 'The caller leaves; the leader only once a successor is appointed.' },
  recordMeeting: { command: 'RecordMeeting', args: RecordMeetingArgs, description: 'The group leader only; attendees must be members of the group.' },
  assignAction: { command: 'AssignAction', args: AssignActionArgs, description: 'The group leader only; the assignee must be a member of the group.' },
  completeAction: { command: 'CompleteAction', args: CompleteActionArgs, description: 'The assignee or the group leader.' },
});
