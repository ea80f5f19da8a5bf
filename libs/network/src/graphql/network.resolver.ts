import { Inject } from '@nestjs/common';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { declareMutations, AnyAuthenticated, CommandResolver, CurrentRequest, mapConnection, PageArgs, type Connection, type RequestContext } from '#graphql';
import { OrganisationCommands } from '../application/organisation.commands.js';
import { MemberCommands } from '../application/member.commands.js';
import { NetworkAccess } from '../application/network-access.js';
import { NetworkQueries } from '../read-model/network.queries.js';
import { loadMember, loadOrganisation, memberView, membersOfOrganisation, organisationView } from './network.loaders.js';
import { organisationFromRow } from './network.mappers.js';
import { MemberPayload, MemberType, OrganisationConnection, OrganisationPayload, OrganisationType, Role } from './network.types.js';
import { RegisterOrganisationArgs, RenameOrganisationArgs, LeaveNetworkArgs, JoinCommunityArgs, AppointNationalContactPointArgs, EraseMemberPersonalDataArgs } from './network.args.js';

@Resolver(() => OrganisationType)
export class OrganisationResolver extends CommandResolver(OrganisationCommands, NetworkQueries, organisationView) {
  @Query(() => OrganisationConnection)
  organisations(@Args('country', { type: () => String, nullable: true }) country: string | null, @Args() page: PageArgs): Connection<OrganisationType> {
    return mapConnection(this.queries.organisations({ country }, page), organisationFromRow);
  }

  @ResolveField(() => [MemberType])
  members(@CurrentRequest() request: RequestContext, @Parent() organisation: OrganisationType): Promise<MemberType[]> {
    return membersOfOrganisation(request, this.queries, organisation.id);
  }
}

declareMutations(OrganisationResolver, () => OrganisationPayload, {
  registerOrganisation: { command: 'RegisterOrganisation', args: RegisterOrganisationArgs },
  renameOrganisation: { command: 'RenameOrganisation', args: RenameOrganisationArgs },
  leaveNetwork: { command: 'LeaveNetwork', args: LeaveNetworkArgs },
});

@Resolver(() => MemberType)
export class MemberResolver extends CommandResolver(MemberCommands, NetworkQueries, memberView) {
  @Inject(NetworkAccess) private readonly access!: NetworkAccess;

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

  @ResolveField(() => String, { nullable: true })
  email(@CurrentRequest() request: RequestContext, @Parent() member: MemberType): string | null {
    return this.access.mayReadEmailOf(request.actor!, member) ? member.email : null;
  }

  @ResolveField(() => OrganisationType, { nullable: true })
  organisation(@CurrentRequest() request: RequestContext, @Parent() member: MemberType): Promise<OrganisationType | null> | null {
    return member.organisationId ? loadOrganisation(request, this.queries, member.organisationId) : null;
  }
}

declareMutations(MemberResolver, () => MemberPayload, {
  joinCommunity: { command: 'JoinCommunity', args: JoinCommunityArgs },
  appointNationalContactPoint: { command: 'AppointNationalContactPoint', args: AppointNationalContactPointArgs },
  eraseMemberPersonalData: { command: 'EraseMemberPersonalData', args: EraseMemberPersonalDataArgs },
});
