import { Inject } from '@nestjs/common';
import { Args, ArgsType, Field, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { SentFor } from '../../../kernel/src/index.js';
import {
  AggregateArgs,
  CommandArgs,
  CurrentRequest,
  TimeTravel,
  commandContext,
  mapConnection,
  type CommandOptions,
  type Connection,
  type RequestContext,
  AfterArg,
  AsOfArg,
  FirstArg,
  IdArg,
} from '../../../graphql/src/index.js';
import { MoneyInput } from '../../../needs/src/index.js';
import { NetworkQueries, OrganisationType, loadOrganisation } from '../../../network/src/index.js';
import { BuyerGroupCommands, type buyerGroupRules } from '../application/buyer-group.commands.js';
import { buyerGroupDecider, buyerGroupStream, type JointProcurementModel, type LegalBasis } from '../domain/buyer-group.js';
import { BuyerGroupsQueries } from '../read-model/buyer-groups.queries.js';
import { loadBuyerGroup } from './buyer-groups.loaders.js';
import { buyerGroupFromRow, buyerGroupFromState } from './buyer-groups.mappers.js';
import {
  BuyerGroupConnection,
  BuyerGroupFilter,
  BuyerGroupPayload,
  BuyerGroupType,
  JointProcurementModelEnum,
  LegalBasisEnum,
  ProposeBuyerGroupInput,
} from './buyer-groups.types.js';

@ArgsType()
class ProposeBuyerGroupArgs extends CommandArgs {
  @Field(() => ProposeBuyerGroupInput) input!: ProposeBuyerGroupInput;
}

@ArgsType()
class OrganisationArgs extends AggregateArgs {
  @Field(() => ID) organisationId!: string;
}

@ArgsType()
class JoinBuyerGroupArgs extends OrganisationArgs {
  @Field(() => [ID], { nullable: true }) needIds?: string[] | null;
}

@ArgsType()
class LeaveBuyerGroupArgs extends OrganisationArgs {
  @Field() reason!: string;
}

@ArgsType()
class ChooseProcurementModelArgs extends AggregateArgs {
  @Field(() => JointProcurementModelEnum) model!: JointProcurementModel;
  @Field() applicableLaw!: string;
  @Field(() => LegalBasisEnum) legalBasis!: LegalBasis;
}

@ArgsType()
class DraftAgreementArgs extends AggregateArgs {
  @Field() title!: string;
  @Field() terms!: string;
}

@ArgsType()
class SignAgreementArgs extends OrganisationArgs {
  @Field(() => Int) agreementVersion!: number;
}

@ArgsType()
class LaunchProcedureArgs extends AggregateArgs {
  @Field() noticeNumber!: string;
  @Field() procedureType!: string;
}

@ArgsType()
class AwardContractArgs extends AggregateArgs {
  @Field() supplierName!: string;
  @Field(() => MoneyInput) value!: MoneyInput;
  @Field() awardNoticeNumber!: string;
}

@ArgsType()
class ModifyContractArgs extends AggregateArgs {
  @Field() reason!: string;
  @Field() description!: string;
  @Field(() => String, { nullable: true }) noticeNumber?: string | null;
}

@ArgsType()
class DissolveBuyerGroupArgs extends AggregateArgs {
  @Field() reason!: string;
}

@Resolver(() => BuyerGroupType)
export class BuyerGroupResolver {
  constructor(
    @Inject(BuyerGroupCommands) private readonly commands: BuyerGroupCommands,
    @Inject(BuyerGroupsQueries) private readonly queries: BuyerGroupsQueries,
    @Inject(NetworkQueries) private readonly network: NetworkQueries,
    @Inject(TimeTravel) private readonly timeTravel: TimeTravel,
  ) {}

  @Query(() => BuyerGroupType, { nullable: true, description: 'asOf: the group as it was then (AUDITOR, ADMIN).' })
  async buyerGroup(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @AsOfArg() asOf?: Date | null,
  ): Promise<BuyerGroupType | null> {
    if (asOf) return this.timeTravel.asOf(request.actor!, buyerGroupDecider, buyerGroupStream(id), asOf, buyerGroupFromState);
    return loadBuyerGroup(request, this.queries, id);
  }

  @Query(() => BuyerGroupConnection, { description: 'Buyer groups in the order they were proposed.' })
  buyerGroups(
    @Args('filter', { type: () => BuyerGroupFilter, nullable: true }) filter?: BuyerGroupFilter | null,
    @FirstArg() first?: number,
    @AfterArg() after?: string,
  ): Connection<BuyerGroupType> {
    return mapConnection(this.queries.buyerGroups(filter, { first, after }), buyerGroupFromRow);
  }

  @ResolveField(() => OrganisationType, { nullable: true })
  leadProcurer(@CurrentRequest() request: RequestContext, @Parent() group: BuyerGroupType): Promise<OrganisationType | null> | null {
    return group.leadProcurerId ? loadOrganisation(request, this.network, group.leadProcurerId) : null;
  }

  @Mutation(() => BuyerGroupPayload, { description: 'The proposing organisation is the first member, with the needs it pools.' })
  proposeBuyerGroup(@CurrentRequest() request: RequestContext, @Args() args: ProposeBuyerGroupArgs): Promise<BuyerGroupPayload> {
    return this.send(request, 'ProposeBuyerGroup', args);
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the organisation; voids signatures given so far.' })
  joinBuyerGroup(@CurrentRequest() request: RequestContext, @Args() args: JoinBuyerGroupArgs): Promise<BuyerGroupPayload> {
    return this.send(request, 'JoinBuyerGroup', args);
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the organisation; its needs return to OPEN.' })
  leaveBuyerGroup(@CurrentRequest() request: RequestContext, @Args() args: LeaveBuyerGroupArgs): Promise<BuyerGroupPayload> {
    return this.send(request, 'LeaveBuyerGroup', args);
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the lead procurer (of any member organisation while none is designated).' })
  designateLeadProcurer(@CurrentRequest() request: RequestContext, @Args() args: OrganisationArgs): Promise<BuyerGroupPayload> {
    return this.send(request, 'DesignateLeadProcurer', args);
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the lead procurer; applicableLaw is a member’s country.' })
  chooseProcurementModel(@CurrentRequest() request: RequestContext, @Args() args: ChooseProcurementModelArgs): Promise<BuyerGroupPayload> {
    return this.send(request, 'ChooseProcurementModel', args);
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the lead procurer; the next agreement version, unsigned.' })
  draftAgreement(@CurrentRequest() request: RequestContext, @Args() args: DraftAgreementArgs): Promise<BuyerGroupPayload> {
    return this.send(request, 'DraftAgreement', args);
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the organisation; the last member to sign concludes the agreement.' })
  signAgreement(@CurrentRequest() request: RequestContext, @Args() args: SignAgreementArgs): Promise<BuyerGroupPayload> {
    return this.send(request, 'SignAgreement', args);
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the lead procurer; noticeNumber: TED contract notice.' })
  launchProcedure(@CurrentRequest() request: RequestContext, @Args() args: LaunchProcedureArgs): Promise<BuyerGroupPayload> {
    return this.send(request, 'LaunchProcedure', args);
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the lead procurer; awardNoticeNumber: TED contract award notice.' })
  awardContract(@CurrentRequest() request: RequestContext, @Args() args: AwardContractArgs): Promise<BuyerGroupPayload> {
    return this.send(request, 'AwardContract', args);
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the lead procurer; noticeNumber: TED modification notice, if any.' })
  modifyContract(@CurrentRequest() request: RequestContext, @Args() args: ModifyContractArgs): Promise<BuyerGroupPayload> {
    return this.send(request, 'ModifyContract', args);
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the lead procurer, or ADMIN; every pooled need returns to OPEN.' })
  dissolveBuyerGroup(@CurrentRequest() request: RequestContext, @Args() args: DissolveBuyerGroupArgs): Promise<BuyerGroupPayload> {
    return this.send(request, 'DissolveBuyerGroup', args);
  }

  private async send<T extends keyof typeof buyerGroupRules>(request: RequestContext, type: T, args: SentFor<(typeof buyerGroupRules)[T]> & CommandOptions) {
    const change = await this.commands.send(type, args, commandContext(request, args));
    return { buyerGroup: (await loadBuyerGroup(request, this.queries, change.id))!, version: change.version, position: change.position, replayed: change.replayed };
  }
}
