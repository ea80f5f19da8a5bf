import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType, ChangePayload, CreationInput, enumType } from '#graphql';
import { CpvType, MoneyType } from '#needs';
import { BUYER_GROUP_STATUSES, JOINT_PROCUREMENT_MODELS, LEGAL_BASES, type BuyerGroupStatus, type JointProcurementModel, type LegalBasis } from '../domain/buyer-group.js';


export const BuyerGroupStatusEnum = enumType(BUYER_GROUP_STATUSES, 'BuyerGroupStatus', 'PROPOSED (one member) → FORMING (two or more) → ESTABLISHED (agreement concluded, members from two or more countries) → ' + 'PROCURING (contract notice published) → CONTRACTED (contract awarded); DISSOLVED from any status before CONTRACTED.');

export const JointProcurementModelEnum = enumType(JOINT_PROCUREMENT_MODELS, 'JointProcurementModel', 'Directive 2014/24/EU Art. 39: CENTRAL_PURCHASING_BODY (39(2)), JOINT_AWARD (39(4)), JOINT_ENTITY (39(5)).');

export const LegalBasisEnum = enumType(LEGAL_BASES, 'LegalBasis', 'Directive 2014/24/EU (public procurement) or 2009/81/EC (defence and sensitive security equipment).');

@ObjectType('BuyerGroupMember', { description: 'A current member organisation and the needs it pooled.' })
export class BuyerGroupMemberType {
  organisationId!: string;
  needIds!: string[];
  @Field() country!: string;
  @Field(() => Date) joinedAt!: Date;
}

@ObjectType('AgreementSignature', { description: 'An organisation’s signature of one agreement version.' })
export class AgreementSignatureType {
  organisationId!: string;
  signedById!: string;
  @Field(() => Int) agreementVersion!: number;
  @Field(() => Date) signedAt!: Date;
}

@ObjectType('Agreement', { description: 'The current version of the joint procurement agreement.' })
export class AgreementType {
  @Field(() => Int) version!: number;
  @Field() title!: string;
  @Field() terms!: string;
  @Field({ description: 'SHA-256 of the terms (UTF-8), hex: what the signatories signed.' }) termsSha256!: string;
  @Field(() => Date) draftedAt!: Date;
  @Field(() => [AgreementSignatureType], {
    description: 'Signatures of this version still in force (a member joining or leaving, a new lead or model voids them).',
  })
  signatures!: AgreementSignatureType[];
  @Field({ description: 'Every current member signed this version.' }) concluded!: boolean;
  @Field(() => Date, { nullable: true }) concludedAt!: Date | null;
}

@ObjectType('Procedure', { description: 'The procurement procedure, launched by its TED contract notice.' })
export class ProcedureType {
  @Field({ description: 'TED contract notice: 2021/S 060-153167 or 153167-2021.' }) noticeNumber!: string;
  @Field() procedureType!: string;
  @Field(() => Date) launchedAt!: Date;
}

@ObjectType('ContractModification')
export class ContractModificationType {
  @Field() reason!: string;
  @Field() description!: string;
  @Field(() => String, { nullable: true, description: 'TED modification notice, when one was published.' }) noticeNumber!: string | null;
  @Field(() => Date) modifiedAt!: Date;
}

@ObjectType('Contract', { description: 'The awarded contract and its modifications.' })
export class ContractType {
  @Field() supplierName!: string;
  @Field(() => MoneyType) value!: MoneyType;
  @Field({ description: 'TED contract award notice.' }) awardNoticeNumber!: string;
  @Field(() => Date) awardedAt!: Date;
  @Field(() => [ContractModificationType]) modifications!: ContractModificationType[];
}

@ObjectType('BuyerGroup', { description: 'An (Established) Buyers Group: organisations of several member states buying together.' })
export class BuyerGroupType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() description!: string;
  @Field(() => CpvType) cpv!: CpvType;
  @Field(() => BuyerGroupStatusEnum) status!: BuyerGroupStatus;
  @Field(() => [BuyerGroupMemberType], { description: 'Current members, in the order they joined.' }) members!: BuyerGroupMemberType[];
  @Field(() => [String], { description: 'Countries of the current members, sorted.' }) countries!: string[];
  leadProcurerId!: string | null;
  @Field(() => JointProcurementModelEnum, { nullable: true }) procurementModel!: JointProcurementModel | null;
  @Field(() => String, { nullable: true, description: 'Country whose national law applies.' }) applicableLaw!: string | null;
  @Field(() => LegalBasisEnum, { nullable: true }) legalBasis!: LegalBasis | null;
  @Field(() => AgreementType, { nullable: true }) agreement!: AgreementType | null;
  @Field(() => ProcedureType, { nullable: true }) procedure!: ProcedureType | null;
  @Field(() => ContractType, { nullable: true }) contract!: ContractType | null;
  @Field(() => Date) proposedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it last became ESTABLISHED; null while it is not established.' })
  establishedAt!: Date | null;
  @Field(() => Date, { nullable: true }) dissolvedAt!: Date | null;
  @Field(() => String, { nullable: true }) dissolutionReason!: string | null;
  @Field(() => Int, { description: 'Number of events in the buyer-group stream.' }) version!: number;
}

export const BuyerGroupConnection = ConnectionType(BuyerGroupType, 'BuyerGroup');

@ObjectType()
export class BuyerGroupPayload extends ChangePayload {
  @Field(() => BuyerGroupType) buyerGroup!: BuyerGroupType;
}

@InputType()
export class ProposeBuyerGroupInput extends CreationInput {
  @Field() name!: string;
  @Field() description!: string;
  @Field({ description: 'CPV 2008 code of what the group buys; pooled needs share its first 3 digits.' }) cpvCode!: string;
  @Field(() => ID) proposingOrganisationId!: string;
  @Field(() => [ID], { nullable: true, description: 'Open needs of the proposing organisation to pool.' }) needIds?: string[];
}

@InputType()
export class BuyerGroupFilter {
  @Field(() => BuyerGroupStatusEnum, { nullable: true }) status?: BuyerGroupStatus;
  @Field({ nullable: true, description: 'Leading digits of the CPV code, e.g. 351.' }) cpvPrefix?: string;
  @Field({ nullable: true, description: 'Country of a current member.' }) country?: string;
  @Field(() => ID, { nullable: true, description: 'A current member.' }) organisationId?: string;
}
