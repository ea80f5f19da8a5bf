import { BadUserInput, requiredText } from '#kernel';
import { cpvCode } from './cpv.js';
import { positiveMoney } from './money.js';
import { PROCUREMENT_APPROACHES, type NeedChanges, type NeedDetails, type ProcurementApproach } from './need.js';
import { targetQuarter } from './target-quarter.js';

/** A need's fields as a client sends them, before validation. */
export interface NeedDetailsInput {
  title: string;
  description: string;
  cpvCode: string;
  quantity: number;
  unit: string;
  estimatedBudget: { amount: string; currency: string };
  targetQuarter: string;
  approach: string;
  openToJointProcurement: boolean;
}

/** Null or absent: leave the field as it is. */
export type NeedChangesInput = { [K in keyof NeedDetailsInput]?: NeedDetailsInput[K] | null };

/** Large enough for any fleet or stock; a larger figure is a typing error. */
/**
 * A million units is beyond any joint purchase of equipment; a bound this low also keeps
 * inventory totals of realistic sizes within GraphQL's 32-bit Int.
 */
export const MAX_QUANTITY = 1_000_000;

type Validators = { [K in keyof NeedDetails]: (value: NonNullable<NeedDetailsInput[K]>, field: string) => NeedDetails[K] };

const validate: Validators = {
  title: (value, field) => requiredText(value, field, 200),
  description: (value, field) => requiredText(value, field, 5000),
  cpvCode: (value, field) => cpvCode(value, field),
  quantity: (value, field) => {
    if (!Number.isInteger(value) || value <= 0) throw new BadUserInput(field, 'must be a whole number greater than zero');
    if (value > MAX_QUANTITY) throw new BadUserInput(field, `must be at most ${MAX_QUANTITY}`);
    return value;
  },
  unit: (value, field) => requiredText(value, field, 50),
  estimatedBudget: (value, field) => positiveMoney(value, field),
  targetQuarter: (value, field) => targetQuarter(value, field),
  approach: (value, field) => {
    if (!PROCUREMENT_APPROACHES.includes(value as ProcurementApproach)) {
      throw new BadUserInput(field, `must be one of ${PROCUREMENT_APPROACHES.join(', ')}`);
    }
    return value as ProcurementApproach;
  },
  openToJointProcurement: (value, field) => {
    if (typeof value !== 'boolean') throw new BadUserInput(field, 'must be true or false');
    return value;
  },
};

const FIELDS = Object.keys(validate) as (keyof NeedDetails)[];

function check<K extends keyof NeedDetails>(field: K, value: NonNullable<NeedDetailsInput[K]>, prefix: string): NeedDetails[K] {
  return validate[field](value, `${prefix}.${field}`);
}

/** Validates and normalises a declaration; errors name `input.<field>`. */
export function needDetails(input: NeedDetailsInput, prefix = 'input'): NeedDetails {
  const details: Partial<NeedDetails> = {};
  for (const field of FIELDS) {
    const value = input[field];
    if (value === undefined || value === null) throw new BadUserInput(`${prefix}.${field}`, 'is required');
    Object.assign(details, { [field]: check(field, value as never, prefix) });
  }
  return details as NeedDetails;
}

/** Validates the fields an amendment names; errors name `changes.<field>`. */
export function needChanges(input: NeedChangesInput | null | undefined, prefix = 'changes'): NeedChanges {
  const changes: NeedChanges = {};
  for (const field of FIELDS) {
    const value = input?.[field];
    if (value === undefined || value === null) continue;
    Object.assign(changes, { [field]: check(field, value as never, prefix) });
  }
  if (Object.keys(changes).length === 0) throw new BadUserInput(prefix, 'name at least one field to change');
  return changes;
}
