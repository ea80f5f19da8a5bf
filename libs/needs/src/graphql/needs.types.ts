import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType, ChangePayload, CreationInput, enumType } from '#graphql';
import { PROCUREMENT_APPROACHES, type ProcurementApproach } from '../domain/need.js';
import { INVENTORY_DIMENSIONS } from '../read-model/investment-inventory.js';
import { NEED_STATUSES, type NeedStatus } from '../read-model/needs.queries.js';
import { CpvType, MoneyInput, MoneyType } from './money.types.js';


export const ProcurementApproachEnum = enumType(PROCUREMENT_APPROACHES, 'ProcurementApproach', 'STANDARD procurement, or innovation procurement: PCP, PPI, INNOVATION_PARTNERSHIP (Art. 31 of 2014/24/EU).');

export const NeedStatusEnum = enumType(NEED_STATUSES, 'NeedStatus', 'OPEN; POOLED while a buyer group holds it; WITHDRAWN for good.');

export const InventoryDimensionEnum = enumType(INVENTORY_DIMENSIONS, 'InventoryDimension', 'CPV_DIVISION (2 digits), CPV_GROUP (3 digits), COUNTRY of the organisation, TARGET_YEAR, APPROACH.');

@ObjectType('Need', { description: 'An investment need: what an organisation plans to buy.' })
export class NeedType {
  @Field(() => ID) id!: string;
  organisationId!: string;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => CpvType) cpv!: CpvType;
  @Field(() => Int) quantity!: number;
  @Field() unit!: string;
  @Field(() => MoneyType) estimatedBudget!: MoneyType;
  @Field({ description: 'Quarter the organisation plans to procure in, YYYY-Qn.' }) targetQuarter!: string;
  @Field(() => ProcurementApproachEnum) approach!: ProcurementApproach;
  @Field() openToJointProcurement!: boolean;
  @Field(() => NeedStatusEnum) status!: NeedStatus;
  /** The buyer group pooling the need; the buyer-groups context resolves `buyerGroup` from it. */
  buyerGroupId!: string | null;
  @Field(() => Date) declaredAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Int, { description: 'Number of events in the need stream.' }) version!: number;
}

export const NeedConnection = ConnectionType(NeedType, 'Need');

@ObjectType()
export class NeedPayload extends ChangePayload {
  @Field(() => NeedType) need!: NeedType;
}

@ObjectType('InventoryEntry', { description: 'Needs summed along the requested dimensions.' })
export class InventoryEntryType {
  @Field(() => [String], { description: 'One value per requested dimension, in the requested order.' }) key!: string[];
  @Field(() => Int) needCount!: number;
  @Field(() => Int, { description: 'Distinct organisations.' }) organisationCount!: number;
  @Field(() => Int, { description: 'Sum of the quantities; at most 2147483647 (the largest Int), which it shows when the sum is larger.' })
  totalQuantity!: number;
  @Field(() => [MoneyType], { description: 'One exact total per currency.' }) totalBudget!: MoneyType[];
}

@ObjectType('BuyerGroupOpportunity', { description: 'Open needs of one CPV group from several countries, not yet pooled.' })
export class BuyerGroupOpportunityType {
  @Field({ description: 'First 3 CPV digits shared by the needs.' }) cpvGroup!: string;
  @Field(() => [String]) countries!: string[];
  @Field(() => [NeedType]) needs!: NeedType[];
  @Field(() => [MoneyType]) totalBudget!: MoneyType[];
}

@InputType()
export class NeedFilter {
  @Field({ nullable: true, description: 'Leading digits of the CPV code, e.g. 351.' }) cpvPrefix?: string;
  @Field({ nullable: true, description: 'Country of the declaring organisation.' }) country?: string;
  @Field(() => NeedStatusEnum, { nullable: true }) status?: NeedStatus;
  @Field(() => ProcurementApproachEnum, { nullable: true }) approach?: ProcurementApproach;
  @Field({ nullable: true }) openToJointProcurement?: boolean;
  @Field(() => ID, { nullable: true }) organisationId?: string;
}

@InputType()
export class DeclareNeedInput extends CreationInput {
  @Field(() => ID) organisationId!: string;
  @Field() title!: string;
  @Field() description!: string;
  @Field({ description: 'CPV 2008 code NNNNNNNN-C, e.g. 35124000-9.' }) cpvCode!: string;
  @Field(() => Int) quantity!: number;
  @Field() unit!: string;
  @Field(() => MoneyInput) estimatedBudget!: MoneyInput;
  @Field({ description: 'YYYY-Qn, e.g. 2027-Q3.' }) targetQuarter!: string;
  @Field(() => ProcurementApproachEnum) approach!: ProcurementApproach;
  @Field() openToJointProcurement!: boolean;
}

@InputType({ description: 'Only the fields to change; the CPV code cannot change while the need is pooled.' })
export class AmendNeedInput {
  @Field({ nullable: true }) title?: string;
  @Field({ nullable: true }) description?: string;
  @Field({ nullable: true }) cpvCode?: string;
  @Field(() => Int, { nullable: true }) quantity?: number;
  @Field({ nullable: true }) unit?: string;
  @Field(() => MoneyInput, { nullable: true }) estimatedBudget?: MoneyInput;
  @Field({ nullable: true }) targetQuarter?: string;
  @Field(() => ProcurementApproachEnum, { nullable: true }) approach?: ProcurementApproach;
  @Field({ nullable: true }) openToJointProcurement?: boolean;
}
