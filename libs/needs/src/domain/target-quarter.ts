import { BadUserInput } from '#kernel';

/** Years a need can be planned for: wide enough for long programmes, narrow enough to catch typos. */
export const FIRST_TARGET_YEAR = 2000;
export const LAST_TARGET_YEAR = 2100;

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** A calendar quarter in which the organisation plans to procure, `YYYY-Qn` (e.g. `2027-Q3`). */
export function targetQuarter(value: string, field: string): string {
  const quarter = (value ?? '').trim().toUpperCase();
  const match = QUARTER.exec(quarter);
  if (!match) throw new BadUserInput(field, `${value} is not a quarter YYYY-Qn with n from 1 to 4, e.g. 2027-Q3`);
  const year = Number(match[1]);
  if (year < FIRST_TARGET_YEAR || year > LAST_TARGET_YEAR) {
    throw new BadUserInput(field, `the year must be between ${FIRST_TARGET_YEAR} and ${LAST_TARGET_YEAR}`);
  }
  return quarter;
}

export const targetYearOf = (quarter: string): number => Number(quarter.slice(0, 4));
