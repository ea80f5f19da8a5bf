import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AggregateChange } from '../../../kernel/src/index.js';
import {
  AnyAuthenticated,
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
import { LeaveNetwork, RegisterOrganisation, RenameOrganisation } from '../application/organisation.commands.js';
import { AppointNationalContactPoint, EraseMemberPersonalData, JoinCommunity } from '../application/member.commands.js';
import { NetworkAccess } from '../application/network-access.js';
import { memberDecider, memberStream } from '../domain/member.js';
import { organisationDecider, organisationStream } from '../domain/organisation.js';
import { NetworkQueries } from '../read-model/network.queries.js';
import { memberFromRow, memberFromState, organisationFromRow, organisationFromState } from './network.mappers.js';
import {
  JoinCommunityInput,
  MemberPayload,
  MemberType,
  OrganisationConnection,
  OrganisationPayload,
  OrganisationType,
  RegisterOrganisationInput,
  Role,
} from './network.types.js';

/** Loads organisations by id through the request's DataLoader. */
export function loadOrganisation(request: RequestContext, queries: NetworkQueries, id: string) {
  return request.loaders
    .byKey('organisationById', (ids) => queries.organisationsByIds(ids), (row) => row.id)
    .load(id)
    .then((row) => (row ? organisationFromRow(row) : null));
}

export function loadMember(request: RequestContext, queries: NetworkQueries, id: string) {
  return request.loaders
    .byKey('memberById', (ids) => queries.membersByIds(ids), (row) => row.id)
    .load(id)
    .then((row) => (row ? memberFromRow(row) : null));
}

@Resolver(() => OrganisationType)
export class OrganisationResolver {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(NetworkQueries) private readonly queries: NetworkQueries,
    @Inject(TimeTravel) private readonly timeTravel: TimeTravel,
  ) {}

  @Query(() => OrganisationType, { nullable: true, description: 'asOf: the organisation as it was then (AUDITOR, ADMIN).' })
  async organisation(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @AsOfArg() asOf?: Date | null,
  ): Promise<OrganisationType | null> {
    if (asOf) return this.timeTravel.asOf(request.actor!, organisationDecider, organisationStream(id), asOf, organisationFromState);
    return loadOrganisation(request, this.queries, id);
  }

  @Query(() => OrganisationConnection)
  organisations(
    @Args('country', { nullable: true }) country?: string,
    @FirstArg() first?: number,
    @AfterArg() after?: string,
  ): Connection<OrganisationType> {
    return mapConnection(this.queries.organisations({ country }, { first, after }), organisationFromRow);
  }

  @ResolveField(() => [MemberType])
  async members(@CurrentRequest() request: RequestContext, @Parent() organisation: OrganisationType): Promise<MemberType[]> {
    const rows = await request.loaders
      .groupedBy('membersByOrganisation', (ids) => this.queries.membersOfOrganisations(ids), (row) => row.organisation_id!)
      .load(organisation.id);
    return rows.map(memberFromRow);
  }

  @Mutation(() => OrganisationPayload)
  async registerOrganisation(
    @CurrentRequest() request: RequestContext,
    @Args('input') input: RegisterOrganisationInput,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<OrganisationPayload> {
    const context = commandContext(request, { idempotencyKey });
    return this.payload(request, await this.commandBus.execute(new RegisterOrganisation(input, context)));
  }

  @Mutation(() => OrganisationPayload)
  async renameOrganisation(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @Args('name') name: string,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<OrganisationPayload> {
    const context = commandContext(request, { idempotencyKey, expectedVersion });
    return this.payload(request, await this.commandBus.execute(new RenameOrganisation(id, name, context)));
  }

  @Mutation(() => OrganisationPayload)
  async leaveNetwork(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @Args('reason') reason: string,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<OrganisationPayload> {
    const context = commandContext(request, { idempotencyKey, expectedVersion });
    return this.payload(request, await this.commandBus.execute(new LeaveNetwork(id, reason, context)));
  }

  private async payload(request: RequestContext, change: AggregateChange): Promise<OrganisationPayload> {
    const organisation = await loadOrganisation(request, this.queries, change.id);
    return { organisation: organisation!, version: change.version, position: change.position };
  }
}

@Resolver(() => MemberType)
export class MemberResolver {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(NetworkQueries) private readonly queries: NetworkQueries,
    @Inject(NetworkAccess) private readonly access: NetworkAccess,
    @Inject(TimeTravel) private readonly timeTravel: TimeTravel,
  ) {}

  @AnyAuthenticated()
  @Query(() => [Role], { description: 'The platform roles the caller’s token carries.' })
  myRoles(@CurrentRequest() request: RequestContext): Role[] {
    return request.actor!.roles.filter((role): role is Role => role in Role);
  }

  @AnyAuthenticated()
  @Query(() => MemberType, { nullable: true, description: 'The member the token names, if it names one.' })
  me(@CurrentRequest() request: RequestContext): Promise<MemberType | null> {
    return loadMember(request, this.queries, request.actor!.subject);
  }

  @Query(() => MemberType, { nullable: true, description: 'asOf: the member as they were then (AUDITOR, ADMIN).' })
  async member(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @AsOfArg() asOf?: Date | null,
  ): Promise<MemberType | null> {
    if (asOf) return this.timeTravel.asOf(request.actor!, memberDecider, memberStream(id), asOf, memberFromState);
    return loadMember(request, this.queries, id);
  }

  @ResolveField(() => String, { nullable: true })
  email(@CurrentRequest() request: RequestContext, @Parent() member: MemberType): string | null {
    return this.access.mayReadEmailOf(request.actor!, member) ? member.email : null;
  }

  @ResolveField(() => OrganisationType, { nullable: true })
  organisation(@CurrentRequest() request: RequestContext, @Parent() member: MemberType): Promise<OrganisationType | null> | null {
    return member.organisationId ? loadOrganisation(request, this.queries, member.organisationId) : null;
  }

  @Mutation(() => MemberPayload)
  async joinCommunity(
    @CurrentRequest() request: RequestContext,
    @Args('input') input: JoinCommunityInput,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<MemberPayload> {
    const context = commandContext(request, { idempotencyKey });
    return this.payload(request, await this.commandBus.execute(new JoinCommunity(input, context)));
  }

  @Mutation(() => MemberPayload)
  async appointNationalContactPoint(
    @CurrentRequest() request: RequestContext,
    @Args('country') country: string,
    @IdArg('memberId') memberId: string,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<MemberPayload> {
    const context = commandContext(request, { idempotencyKey });
    return this.payload(request, await this.commandBus.execute(new AppointNationalContactPoint(country, memberId, context)));
  }

  @Mutation(() => MemberPayload)
  async eraseMemberPersonalData(
    @CurrentRequest() request: RequestContext,
    @IdArg('memberId') memberId: string,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<MemberPayload> {
    const context = commandContext(request, { idempotencyKey });
    return this.payload(request, await this.commandBus.execute(new EraseMemberPersonalData(memberId, context)));
  }

  private async payload(request: RequestContext, change: AggregateChange): Promise<MemberPayload> {
    const member = await loadMember(request, this.queries, change.id);
    return { member: member!, version: change.version, position: change.position };
  }
}
