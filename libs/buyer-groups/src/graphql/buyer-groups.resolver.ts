import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { declareMutations, CommandResolver, CurrentRequest, mapConnection, PageArgs, type Connection, type RequestContext } from '#graphql';
import { OrganisationType, loadOrganisation, referringToNetwork } from '#network';
import { BuyerGroupCommands } from '../application/buyer-group.commands.js';
import { BuyerGroupsQueries } from '../read-model/buyer-groups.queries.js';
import { buyerGroupView } from './buyer-groups.loaders.js';
import { buyerGroupFromRow } from './buyer-groups.mappers.js';
import { BuyerGroupConnection, BuyerGroupFilter, BuyerGroupPayload, BuyerGroupType } from './buyer-groups.types.js';
import { ProposeBuyerGroupArgs, OrganisationArgs, JoinBuyerGroupArgs, LeaveBuyerGroupArgs, ChooseProcurementModelArgs, DraftAgreementArgs, SignAgreementArgs, LaunchProcedureArgs, AwardContractArgs, ModifyContractArgs, DissolveBuyerGroupArgs } from './buyer-groups.args.js';

@Resolver(() => BuyerGroupType)
export class BuyerGroupResolver extends referringToNetwork(CommandResolver(BuyerGroupCommands, BuyerGroupsQueries, buyerGroupView)) {
  @Query(() => BuyerGroupConnection, { description: 'Buyer groups in the order they were proposed.' })
  buyerGroups(@Args('filter', { type: () => BuyerGroupFilter, nullable: true }) filter: BuyerGroupFilter | null, @Args() page: PageArgs): Connection<BuyerGroupType> {
    return mapConnection(this.queries.buyerGroups(filter, page), buyerGroupFromRow);
  }

  @ResolveField(() => OrganisationType, { nullable: true })
  leadProcurer(@CurrentRequest() request: RequestContext, @Parent() group: BuyerGroupType): Promise<OrganisationType | null> | null {
    return group.leadProcurerId ? loadOrganisation(request, this.network, group.leadProcurerId) : null;
  }
}

declareMutations(BuyerGroupResolver, () => BuyerGroupPayload, {
  proposeBuyerGroup: { command: 'ProposeBuyerGroup', args: ProposeBuyerGroupArgs, description: 'The proposing organisation is the first member, with the needs it pools.' },
  joinBuyerGroup: { command: 'JoinBuyerGroup', args: JoinBuyerGroupArgs, description: 'Members of the organisation; voids signatures given so far.' },
  leaveBuyerGroup: { command: 'LeaveBuyerGroup', args: LeaveBuyerGroupArgs, description: 'Members of the organisation; its needs return to OPEN.' },
  designateLeadProcurer: { command: 'DesignateLeadProcurer', args: OrganisationArgs, description: 'Members of the lead procurer (of any member organisation while none is designated).' },
  chooseProcurementModel: { command: 'ChooseProcurementModel', args: ChooseProcurementModelArgs, description: 'Members of the lead procurer; applicableLaw is a member’s country.' },
  draftAgreement: { command: 'DraftAgreement', args: DraftAgreementArgs, description: 'Members of the lead procurer; the next agreement version, unsigned.' },
  signAgreement: { command: 'SignAgreement', args: SignAgreementArgs, description: 'Members of the organisation; the last member to sign concludes the agreement.' },
  launchProcedure: { command: 'LaunchProcedure', args: LaunchProcedureArgs, description: 'Members of the lead procurer; noticeNumber: TED contract notice.' },
  awardContract: { command: 'AwardContract', args: AwardContractArgs, description: 'Members of the lead procurer; awardNoticeNumber: TED contract award notice.' },
  modifyContract: { command: 'ModifyContract', args: ModifyContractArgs, description: 'Members of the lead procurer; noticeNumber: TED modification notice, if any.' },
  dissolveBuyerGroup: { command: 'DissolveBuyerGroup', args: DissolveBuyerGroupArgs, description: 'Members of the lead procurer, or ADMIN; every pooled need returns to OPEN.' },
});
