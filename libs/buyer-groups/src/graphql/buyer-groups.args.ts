// The arguments of the mutations the resolver beside declares, one class per mutation.
import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { AggregateArgs, CommandArgs } from '#graphql';
import { MoneyInput } from '#needs';
import type { JointProcurementModel, LegalBasis } from '../domain/buyer-group.js';
import { JointProcurementModelEnum, LegalBasisEnum, ProposeBuyerGroupInput } from './buyer-groups.types.js';

@ArgsType() export class ProposeBuyerGroupArgs extends CommandArgs { @Field(() => ProposeBuyerGroupInput) input!: ProposeBuyerGroupInput; }

@ArgsType() export class OrganisationArgs extends AggregateArgs { @Field(() => ID) organisationId!: string; }

@ArgsType() export class JoinBuyerGroupArgs extends OrganisationArgs { @Field(() => [ID], { nullable: true }) needIds?: string[] | null; }

@ArgsType() export class LeaveBuyerGroupArgs extends OrganisationArgs { @Field() reason!: string; }

@ArgsType()
export class ChooseProcurementModelArgs extends AggregateArgs {
  @Field(() => JointProcurementModelEnum) model!: JointProcurementModel;
  @Field() applicableLaw!: string;
  @Field(() => LegalBasisEnum) legalBasis!: LegalBasis;
}

@ArgsType() export class DraftAgreementArgs extends AggregateArgs { @Field() title!: string; @Field() terms!: string; }

@ArgsType() export class SignAgreementArgs extends OrganisationArgs { @Field(() => Int) agreementVersion!: number; }

@ArgsType() export class LaunchProcedureArgs extends AggregateArgs { @Field() noticeNumber!: string; @Field() procedureType!: string; }

@ArgsType()
export class AwardContractArgs extends AggregateArgs {
  @Field() supplierName!: string;
  @Field(() => MoneyInput) value!: MoneyInput;
  @Field() awardNoticeNumber!: string;
}

@ArgsType()
export class ModifyContractArgs extends AggregateArgs {
  @Field() reason!: string;
  @Field() description!: string;
  @Field(() => String, { nullable: true }) noticeNumber?: string | null;
}

@ArgsType() export class DissolveBuyerGroupArgs extends AggregateArgs { @Field() reason!: string; }
