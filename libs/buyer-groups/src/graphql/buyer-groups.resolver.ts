import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AggregateChange, CommandContext } from '../../../kernel/src/index.js';
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
import { MoneyInput } from '../../../needs/src/index.js';
import { NetworkQueries, OrganisationType, loadOrganisation } from '../../../network/src/index.js';
import {
  AwardContract,
  ChooseProcurementModel,
  DesignateLeadProcurer,
  DissolveBuyerGroup,
  DraftAgreement,
  JoinBuyerGroup,
  LaunchProcedure,
  LeaveBuyerGroup,
  ModifyContract,
  ProposeBuyerGroup,
  SignAgreement,
} from '../application/buyer-group.commands.js';
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

@Resolver(() => BuyerGroupType)
export class BuyerGroupResolver {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
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
  async proposeBuyerGroup(
    @CurrentRequest() request: RequestContext,
    @Args('input') input: ProposeBuyerGroupInput,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<BuyerGroupPayload> {
    return this.send(request, (context) => new ProposeBuyerGroup(input, context), { idempotencyKey });
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the organisation; voids signatures given so far.' })
  async joinBuyerGroup(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @IdArg('organisationId') organisationId: string,
    @Args('needIds', { type: () => [ID], nullable: true }) needIds?: string[] | null,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<BuyerGroupPayload> {
    return this.send(request, (context) => new JoinBuyerGroup(id, organisationId, needIds, context), { expectedVersion, idempotencyKey });
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the organisation; its needs return to OPEN.' })
  async leaveBuyerGroup(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @IdArg('organisationId') organisationId: string,
    @Args('reason') reason: string,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<BuyerGroupPayload> {
    return this.send(request, (context) => new LeaveBuyerGroup(id, organisationId, reason, context), { expectedVersion, idempotencyKey });
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the lead procurer (of any member organisation while none is designated).' })
  async designateLeadProcurer(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @IdArg('organisationId') organisationId: string,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<BuyerGroupPayload> {
    return this.send(request, (context) => new DesignateLeadProcurer(id, organisationId, context), { expectedVersion, idempotencyKey });
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the lead procurer; applicableLaw is a member’s country.' })
  async chooseProcurementModel(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @Args('model', { type: () => JointProcurementModelEnum }) model: JointProcurementModel,
    @Args('applicableLaw') applicableLaw: string,
    @Args('legalBasis', { type: () => LegalBasisEnum }) legalBasis: LegalBasis,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<BuyerGroupPayload> {
    return this.send(request, (context) => new ChooseProcurementModel(id, model, applicableLaw, legalBasis, context), {
      expectedVersion,
      idempotencyKey,
    });
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the lead procurer; the next agreement version, unsigned.' })
  async draftAgreement(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @Args('title') title: string,
    @Args('terms') terms: string,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<BuyerGroupPayload> {
    return this.send(request, (context) => new DraftAgreement(id, title, terms, context), { expectedVersion, idempotencyKey });
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the organisation; the last member to sign concludes the agreement.' })
  async signAgreement(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @IdArg('organisationId') organisationId: string,
    @Args('agreementVersion', { type: () => Int }) agreementVersion: number,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<BuyerGroupPayload> {
    return this.send(request, (context) => new SignAgreement(id, organisationId, agreementVersion, context), {
      expectedVersion,
      idempotencyKey,
    });
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the lead procurer; noticeNumber: TED contract notice.' })
  async launchProcedure(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @Args('noticeNumber') noticeNumber: string,
    @Args('procedureType') procedureType: string,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<BuyerGroupPayload> {
    return this.send(request, (context) => new LaunchProcedure(id, noticeNumber, procedureType, context), { expectedVersion, idempotencyKey });
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the lead procurer; awardNoticeNumber: TED contract award notice.' })
  async awardContract(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @Args('supplierName') supplierName: string,
    @Args('value', { type: () => MoneyInput }) value: MoneyInput,
    @Args('awardNoticeNumber') awardNoticeNumber: string,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<BuyerGroupPayload> {
    return this.send(request, (context) => new AwardContract(id, supplierName, value, awardNoticeNumber, context), {
      expectedVersion,
      idempotencyKey,
    });
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the lead procurer; noticeNumber: TED modification notice, if any.' })
  async modifyContract(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @Args('reason') reason: string,
    @Args('description') description: string,
    @Args('noticeNumber', { type: () => String, nullable: true }) noticeNumber?: string | null,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<BuyerGroupPayload> {
    return this.send(request, (context) => new ModifyContract(id, reason, description, noticeNumber, context), {
      expectedVersion,
      idempotencyKey,
    });
  }

  @Mutation(() => BuyerGroupPayload, { description: 'Members of the lead procurer, or ADMIN; every pooled need returns to OPEN.' })
  async dissolveBuyerGroup(
    @CurrentRequest() request: RequestContext,
    @IdArg() id: string,
    @Args('reason') reason: string,
    @ExpectedVersionArg() expectedVersion?: number,
    @IdempotencyKeyArg() idempotencyKey?: string,
  ): Promise<BuyerGroupPayload> {
    return this.send(request, (context) => new DissolveBuyerGroup(id, reason, context), { expectedVersion, idempotencyKey });
  }

  private async send(
    request: RequestContext,
    command: (context: CommandContext) => object,
    options: { expectedVersion?: number | null; idempotencyKey?: string | null },
  ): Promise<BuyerGroupPayload> {
    const change: AggregateChange = await this.commandBus.execute(command(commandContext(request, options)));
    const buyerGroup = await loadBuyerGroup(request, this.queries, change.id);
    return { buyerGroup: buyerGroup!, version: change.version, position: change.position };
  }
}
