import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentRequest, ReadModelResolver, type RequestContext } from '#graphql';
import { NeedType, NeedsQueries, loadNeed } from '#needs';
import { MemberType, NetworkReferences, OrganisationType, loadMember, referringToNetwork } from '#network';
import { AgreementSignatureType, BuyerGroupMemberType } from './buyer-groups.types.js';

/** References inside a group, resolved through the request's DataLoaders. */

@Resolver(() => BuyerGroupMemberType)
export class BuyerGroupMemberResolver extends referringToNetwork(ReadModelResolver(NeedsQueries)) {
  @ResolveField(() => OrganisationType)
  organisation(@CurrentRequest() request: RequestContext, @Parent() member: BuyerGroupMemberType): Promise<OrganisationType> {
    return this.organisationOf(request, member.organisationId);
  }

  @ResolveField(() => [NeedType], { description: 'The needs the organisation pooled into the group.' })
  async needs(@CurrentRequest() request: RequestContext, @Parent() member: BuyerGroupMemberType): Promise<NeedType[]> {
    const needs = await Promise.all(member.needIds.map((id) => loadNeed(request, this.queries, id)));
    return needs.filter((need): need is NeedType => need !== null);
  }
}

@Resolver(() => AgreementSignatureType)
export class AgreementSignatureResolver extends NetworkReferences {
  @ResolveField(() => OrganisationType)
  organisation(@CurrentRequest() request: RequestContext, @Parent() signature: AgreementSignatureType): Promise<OrganisationType> {
    return this.organisationOf(request, signature.organisationId);
  }

  @ResolveField(() => MemberType, { nullable: true, description: 'The member who signed for the organisation.' })
  signedBy(@CurrentRequest() request: RequestContext, @Parent() signature: AgreementSignatureType): Promise<MemberType | null> {
    return loadMember(request, this.network, signature.signedById);
  }
}
