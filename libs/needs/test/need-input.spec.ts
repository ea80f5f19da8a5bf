import { describe, expect, it } from '@jest/globals';
import { ConcordError } from '#kernel';
import { needChanges, needDetails, type NeedDetailsInput } from '../src/domain/need-input.js';
import { targetQuarter } from '../src/domain/target-quarter.js';

const input: NeedDetailsInput = {
  title: '  Tactical UAVs for border surveillance ',
  description: 'Rotary-wing UAVs with thermal cameras',
  cpvCode: '35613000-4',
  quantity: 12,
  unit: 'unit',
  estimatedBudget: { amount: '960000', currency: 'EUR' },
  targetQuarter: '2027-q1',
  approach: 'PPI',
  openToJointProcurement: true,
};

function fieldOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect((error as ConcordError).code).toBe('BAD_USER_INPUT');
    return (error as ConcordError).details['field'] as string;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('need input', () => {
  it('validates and normalises a declaration', () => {
    expect(needDetails(input)).toEqual({
      ...input,
      title: 'Tactical UAVs for border surveillance',
      estimatedBudget: { amount: '960000.00', currency: 'EUR' },
      targetQuarter: '2027-Q1',
    });
  });

  it('names the field of every invalid value', () => {
    const cases: Array<[Partial<Record<keyof NeedDetailsInput, unknown>>, string]> = [
      [{ title: '  ' }, 'input.title'],
      [{ description: '' }, 'input.description'],
      [{ cpvCode: '35613000' }, 'input.cpvCode'],
      [{ cpvCode: '35613000-5' }, 'input.cpvCode'],
      [{ quantity: 0 }, 'input.quantity'],
      [{ quantity: -3 }, 'input.quantity'],
      [{ quantity: 1.5 }, 'input.quantity'],
      [{ unit: '' }, 'input.unit'],
      [{ estimatedBudget: { amount: '0', currency: 'EUR' } }, 'input.estimatedBudget.amount'],
      [{ estimatedBudget: { amount: '10', currency: 'ZZZ' } }, 'input.estimatedBudget.currency'],
      [{ targetQuarter: '2027-Q5' }, 'input.targetQuarter'],
      [{ targetQuarter: '2027Q1' }, 'input.targetQuarter'],
      [{ targetQuarter: '1999-Q4' }, 'input.targetQuarter'],
      [{ approach: 'CHEAPEST' }, 'input.approach'],
      [{ openToJointProcurement: 'yes' }, 'input.openToJointProcurement'],
      [{ title: undefined }, 'input.title'],
    ];
    for (const [override, field] of cases) {
      expect(fieldOf(() => needDetails({ ...input, ...override } as NeedDetailsInput))).toBe(field);
    }
  });

  it('validates only the named changes, and wants at least one', () => {
    expect(needChanges({ quantity: 20, title: null, targetQuarter: '2028-Q4' })).toEqual({ quantity: 20, targetQuarter: '2028-Q4' });
    expect(fieldOf(() => needChanges({}))).toBe('changes');
    expect(fieldOf(() => needChanges({ title: null }))).toBe('changes');
    expect(fieldOf(() => needChanges({ targetQuarter: '2028-Q0' }))).toBe('changes.targetQuarter');
    expect(fieldOf(() => needChanges({ estimatedBudget: { amount: '-1', currency: 'EUR' } }))).toBe('changes.estimatedBudget.amount');
  });

  it('accepts quarters within the planning years only', () => {
    expect(targetQuarter('2100-Q4', 'q')).toBe('2100-Q4');
    expect(fieldOf(() => targetQuarter('2101-Q1', 'q'))).toBe('q');
  });
});
