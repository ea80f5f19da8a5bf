import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
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
import { MemberType, NetworkQueries, loadMember } from '../../../network/src/index.js';
import { AppointTopicalGroupLeader, CreateTopicalGroup, JoinTopicalGroup, LeaveTopicalGroup } from '../application/group.commands.js';
import type { TopicalGroupChange } from '../application/on-topical-group.js';
import { AssignAction, CompleteAction, RecordMeeting } from '../application/work.commands.js';
import { topicalGroupDecider, topicalGroupStream, type DecisionStatus } from '../domain/topical-group.js';
import { TopicalGroupQueries } from '../read-model/topical-groups.queries.js';
import { AssignActionInput, CreateTopicalGroupInput, RecordMeetingInput } from './topical-groups.inputs.js';
import {
  actionsOfGroup,
  decisionsOfGroup,
  loadAction,
  loadMeeting,
  loadTopicalGroup,
  meetingsOfGroup,
  memberIdsOfGroup,
} from './topical-groups.loaders.js';
import { topicalGroupFromRow, topicalGroupFromState } from './topical-groups.mappers.js';
import { membersByIds } from './members.js';
import {
  ActionItemType,
  DecisionStatusEnum,
  DecisionType,
  MeetingType,
  TopicalGroupConnection,
  TopicalGroupPayload,
  TopicalGroupType,
} from './topical-groups.types.js';

@Resolver(() => TopicalGroupType)
export class TopicalGroupResolver {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(TopicalGroupQueries) private readonly queries: TopicalGroupQueries,
    @Inject(NetworkQueries) private readonly network: NetworkQueries,
    @Inject(TimeTravel) private readonly timeTravel: TimeTravel,
  ) {}

  @Query(() => TopicalGroupType, {
    nullable: true,
    description: 'asOf: the group, its decisions, votes and actions as they were then (AUDITOR, ADMIN).',
  })
  async topicalGroup(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @AsOfArg() asOf?: Date | null,
  ): Promise<TopicalGroupType | null> {
    if (asOf) {
      // Overdue is judged at the instant travelled to.
      return this.timeTravel.asOf(request.actor!, topicalGroupDecider, topicalGroupStream(id), asOf, (state, version) =>
        topicalGroupFromState(state, version, asOf),
      );
    }
    return loadTopicalGroup(request, this.queries, id);
  }

  @Query(() => TopicalGroupConnection, { description: 'Topical groups by name.' })
  topicalGroups(
    @FirstArg() first?: number,
    @AfterArg() after?: string,
  ): Connection<TopicalGroupType> {
    return mapConnection(this.queries.groups({ first, after }), topicalGroupFromRow);
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
  async decisions(
    @CurrentRequest() request: RequestContext,
    @Parent() group: TopicalGroupType,
    @Args('status', { type: () => DecisionStatusEnum, nullable: true }) status?: DecisionStatus | null,
  ): Promise<DecisionType[]> {
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

  @Mutation(() => TopicalGroupPayload, { description: 'ADMIN only.' })
  async createTopicalGroup(
    @CurrentRequest() request: RequestContext,
    @Args('input') input: CreateTopicalGroupInput,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<TopicalGroupPayload> {
    const context = commandContext(request, { idempotencyKey });
    return this.payload(request, await this.commandBus.execute(new CreateTopicalGroup(input, context)));
  }

  @Mutation(() => TopicalGroupPayload, {
    description: 'ADMIN only. The member joins the group if not yet in it; a previous leader is replaced.',
  })
  async appointTopicalGroupLeader(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @IdArg('memberId') memberId: string,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<TopicalGroupPayload> {
    const context = commandContext(request, { idempotencyKey, expectedVersion });
    return this.payload(request, await this.commandBus.execute(new AppointTopicalGroupLeader(id, memberId, context)));
  }

  @Mutation(() => TopicalGroupPayload, { description: 'The caller joins; they must be a member of the community.' })
  async joinTopicalGroup(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<TopicalGroupPayload> {
    const context = commandContext(request, { idempotencyKey, expectedVersion });
    return this.payload(request, await this.commandBus.execute(new JoinTopicalGroup(id, context)));
  }

  @Mutation(() => TopicalGroupPayload, { description: 'The caller leaves; the leader only once a successor is appointed.' })
  async leaveTopicalGroup(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<TopicalGroupPayload> {
    const context = commandContext(request, { idempotencyKey, expectedVersion });
    return this.payload(request, await this.commandBus.execute(new LeaveTopicalGroup(id, context)));
  }

  @Mutation(() => TopicalGroupPayload, { description: 'The group leader only; attendees must be members of the group.' })
  async recordMeeting(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @Args('input') input: RecordMeetingInput,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<TopicalGroupPayload> {
    const context = commandContext(request, { idempotencyKey, expectedVersion });
    return this.payload(request, await this.commandBus.execute(new RecordMeeting(id, input, context)));
  }

  @Mutation(() => TopicalGroupPayload, { description: 'The group leader only; the assignee must be a member of the group.' })
  async assignAction(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @Args('input') input: AssignActionInput,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<TopicalGroupPayload> {
    const context = commandContext(request, { idempotencyKey, expectedVersion });
    return this.payload(request, await this.commandBus.execute(new AssignAction(id, input, context)));
  }

  @Mutation(() => TopicalGroupPayload, { description: 'The assignee or the group leader.' })
  async completeAction(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @Args('actionId', { type: () => ID }) actionId: string,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<TopicalGroupPayload> {
    const context = commandContext(request, { idempotencyKey, expectedVersion });
    return this.payload(request, await this.commandBus.execute(new CompleteAction(id, actionId, context)));
  }

  private async payload(request: RequestContext, change: TopicalGroupChange): Promise<TopicalGroupPayload> {
    const [topicalGroup, meeting, action] = await Promise.all([
      loadTopicalGroup(request, this.queries, change.id),
      change.meetingId ? loadMeeting(request, this.queries, change.meetingId) : null,
      change.actionId ? loadAction(request, this.queries, change.actionId) : null,
    ]);
    return { topicalGroup: topicalGroup!, version: change.version, position: change.position, meeting, action };
  }
}
