import { describe, expect, it } from '@jest/globals';
import { fromMinorUnits, positiveMoney, sumByCurrency, toMinorUnits } from '../src/domain/money.js';

describe('money', () => {
  it('normalises amounts to the currency’s minor units', () => {
    expect(positiveMoney({ amount: '1250000', currency: 'eur' }, 'input.estimatedBudget')).toEqual({ amount: '1250000.00', currency: 'EUR' });
    expect(positiveMoney({ amount: '0012.5', currency: 'EUR' }, 'b')).toEqual({ amount: '12.50', currency: 'EUR' });
    expect(positiveMoney({ amount: '12.500', currency: 'EUR' }, 'b')).toEqual({ amount: '12.50', currency: 'EUR' });
    expect(positiveMoney({ amount: '3000', currency: 'ISK' }, 'b')).toEqual({ amount: '3000', currency: 'ISK' });
    expect(positiveMoney({ amount: '1.5', currency: 'KWD' }, 'b')).toEqual({ amount: '1.500', currency: 'KWD' });
  });

  it('refuses zero, negative, malformed and over-precise amounts, naming the field', () => {
    expect(() => positiveMoney({ amount: '0.00', currency: 'EUR' }, 'input.estimatedBudget')).toThrow('input.estimatedBudget.amount: must be greater than zero');
    expect(() => positiveMoney({ amount: '-5', currency: 'EUR' }, 'input.estimatedBudget')).toThrow('input.estimatedBudget.amount');
    expect(() => positiveMoney({ amount: '1e6', currency: 'EUR' }, 'input.estimatedBudget')).toThrow('input.estimatedBudget.amount');
    expect(() => positiveMoney({ amount: '10.005', currency: 'EUR' }, 'input.estimatedBudget')).toThrow('at most 2 decimals');
    expect(() => positiveMoney({ amount: '10.5', currency: 'JPY' }, 'x')).toThrow('at most 0 decimals');
  });

  it('refuses currencies that are not ISO 4217 codes of the list', () => {
    for (const currency of ['EURO', 'XYZ', '', '€']) {
      expect(() => positiveMoney({ amount: '10', currency }, 'changes.estimatedBudget')).toThrow('changes.estimatedBudget.currency');
    }
  });

  it('sums exactly per currency, where floats would drift', () => {
    const amounts = Array.from({ length: 10 }, () => ({ amount: '0.10', currency: 'EUR' }));
    expect(sumByCurrency(amounts)).toEqual([{ amount: '1.00', currency: 'EUR' }]);
    expect(sumByCurrency([...amounts, { amount: '99999999999999999999.99', currency: 'EUR' }, { amount: '5', currency: 'BGN' }])).toEqual([
      { amount: '5.00', currency: 'BGN' },
      { amount: '100000000000000000000.99', currency: 'EUR' },
    ]);
  });

  it('converts between decimal strings and minor units', () => {
    expect(toMinorUnits('480000.10', 'EUR')).toBe(48000010n);
    expect(fromMinorUnits(5n, 'EUR')).toBe('0.05');
    expect(fromMinorUnits(-1234n, 'EUR')).toBe('-12.34');
  });
});
