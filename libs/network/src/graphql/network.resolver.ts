import { Inject } from '@nestjs/common';
import { Args, ArgsType, Field, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { SentFor } from '#kernel';
import { AggregateArgs, declareMutations, AnyAuthenticated, CommandArgs, CurrentRequest, TimeTravel, commandContext, type CommandOptions, mapConnection, type Connection, type RequestContext, AfterArg, AsOfArg, FirstArg, IdArg } from '#graphql';
import { OrganisationCommands, type organisationRules } from '../application/organisation.commands.js';
import { MemberCommands, type memberRules } from '../application/member.commands.js';
import { NetworkAccess } from '../application/network-access.js';
import { memberDecider, memberStream } from '../domain/member.js';
import { organisationDecider, organisationStream } from '../domain/organisation.js';
import { NetworkQueries } from '../read-model/network.queries.js';
import { memberFromRow, memberFromState, organisationFromRow, organisationFromState } from './network.mappers.js';
import { JoinCommunityInput, MemberPayload, MemberType, OrganisationConnection, OrganisationPayload, OrganisationType, RegisterOrganisationInput, Role } from './network.types.js';

@ArgsType() class RegisterOrganisationArgs extends CommandArgs { @Field(() => RegisterOrganisationInput) input!: RegisterOrganisationInput; }

@ArgsType() class RenameOrganisationArgs extends AggregateArgs { @Field() name!: string; }

@ArgsType() class LeaveNetworkArgs extends AggregateArgs { @Field() reason!: string; }

@ArgsType() class JoinCommunityArgs extends CommandArgs { @Field(() => JoinCommunityInput) input!: JoinCommunityInput; }

@ArgsType() class AppointNationalContactPointArgs extends CommandArgs { @Field() country!: string; @Field(() => ID) memberId!: string; }

@ArgsType() class EraseMemberPersonalDataArgs extends CommandArgs { @Field(() => ID) memberId!: string; }

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
    @Inject(OrganisationCommands) private readonly commands: OrganisationCommands,
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

  async send<T extends keyof typeof organisationRules>(request: RequestContext, type: T, args: SentFor<(typeof organisationRules)[T]> & CommandOptions) {
    const change = await this.commands.send(type, args, commandContext(request, args));
    return { organisation: (await loadOrganisation(request, this.queries, change.id))!, version: change.version, position: change.position, replayed: change.replayed };
  }
}

declareMutations(OrganisationResolver, () => OrganisationPayload, {
  registerOrganisation: { command: 'RegisterOrganisation', args: RegisterOrganisationArgs },
  renameOrganisation: { command: 'RenameOrganisation', args: RenameOrganisationArgs },
  leaveNetwork: { command: 'LeaveNetwork', args: LeaveNetworkArgs },
});

@Resolver(() => MemberType)
export class MemberResolver {
  constructor(
    @Inject(MemberCommands) private readonly commands: MemberCommands,
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
  async member(@CurrentRequest() request: RequestContext, @IdArg() id: string, @AsOfArg() asOf?: Date | null): Promise<MemberType | null> {
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

  async send<T extends keyof typeof memberRules>(request: RequestContext, type: T, args: SentFor<(typeof memberRules)[T]> & CommandOptions) {
    const change = await this.commands.send(type, args, commandContext(request, args));
    return { member: (await loadMember(request, this.queries, change.id))!, version: change.version, position: change.position, replayed: change.replayed };
  }
}

declareMutations(MemberResolver, () => MemberPayload, {
  joinCommunity: { command: 'JoinCommunity', args: JoinCommunityArgs },
  appointNationalContactPoint: { command: 'AppointNationalContactPoint', args: AppointNationalContactPointArgs },
  eraseMemberPersonalData: { command: 'EraseMemberPersonalData', args: EraseMemberPersonalDataArgs },
});
