import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ConcordError } from '#kernel';
import { cpvCode, cpvCodes, cpvDivision, cpvGroup, cpvLabel, cpvPrefix } from '../src/domain/cpv.js';

const vocabulary = JSON.parse(
  readFileSync(new URL('../src/domain/cpv-2008-en.json', import.meta.url), 'utf8'),
) as Record<string, string>;

function fieldOfError(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConcordError);
    expect((error as ConcordError).code).toBe('BAD_USER_INPUT');
    return (error as ConcordError).details['field'] as string;
  }
  throw new Error('expected a BAD_USER_INPUT error');
}

/** Weights 3-7-1 repeated, modulo 10: the closest simple formula to CPV check digits. */
const weighted371 = (digits: string) => [...digits].reduce((sum, digit, i) => sum + Number(digit) * [3, 7, 1][i % 3]!, 0) % 10;

describe('CPV vocabulary', () => {
  it('holds the 9,454 codes of CPV 2008', () => {
    expect(cpvCodes()).toHaveLength(9454);
    expect(Object.keys(vocabulary)).toHaveLength(9454);
  });

  it('accepts every code of the vocabulary and labels it', () => {
    const wrong = Object.entries(vocabulary).filter(([code, label]) => cpvCode(code, 'input.cpvCode') !== code || cpvLabel(code) !== label);
    expect(wrong).toEqual([]);
  });

  it('refuses every other check digit of every code', () => {
    let refused = 0;
    const accepted: string[] = [];
    for (const code of Object.keys(vocabulary)) {
      for (let digit = 0; digit <= 9; digit += 1) {
        const variant = `${code.slice(0, 9)}${digit}`;
        if (variant === code) continue;
        try {
          cpvCode(variant, 'input.cpvCode');
          accepted.push(variant);
        } catch (error) {
          if (/wrong check digit/.test((error as Error).message)) refused += 1;
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(refused).toBe(9454 * 9);
  });

  it('validates by membership because no simple formula yields every check digit', () => {
    // Why the vocabulary is the authority: the best-fitting formula misses hundreds of codes.
    const misses = Object.keys(vocabulary).filter((code) => weighted371(code.slice(0, 8)) !== Number(code[9]));
    expect(misses.length).toBeGreaterThan(0);
    expect(misses).toContain('42100000-0');
    expect(cpvCode('42100000-0', 'input.cpvCode')).toBe('42100000-0');
  });

  it('names the field for a bad format, an unknown code and a wrong check digit', () => {
    for (const bad of ['3512400-9', '35124000', '35124000-', '35124000-99', 'ABCDEFGH-1', '35124000 9', '']) {
      expect(fieldOfError(() => cpvCode(bad, 'input.cpvCode'))).toBe('input.cpvCode');
    }
    expect(() => cpvCode('35999999-1', 'input.cpvCode')).toThrow('not a code of the CPV 2008 vocabulary');
    expect(() => cpvCode('35124000-8', 'changes.cpvCode')).toThrow('35124000-9');
    expect(fieldOfError(() => cpvCode('35124000-8', 'changes.cpvCode'))).toBe('changes.cpvCode');
  });

  it('labels the codes of the network’s typical needs', () => {
    expect(cpvLabel('35124000-9')).toBe('Metal detectors');
    expect(cpvLabel('35613000-4')).toBe('Unmanned aerial vehicles');
    expect(cpvLabel('35815100-1')).toBe('Bullet-proof vests');
    expect(cpvLabel('35124000-8')).toBeNull();
  });

  it('cuts codes into division and group, and checks prefixes', () => {
    expect(cpvDivision('35124000-9')).toBe('35');
    expect(cpvGroup('35124000-9')).toBe('351');
    expect(cpvPrefix(' 351 ', 'filter.cpvPrefix')).toBe('351');
    expect(fieldOfError(() => cpvPrefix('35-1', 'filter.cpvPrefix'))).toBe('filter.cpvPrefix');
    expect(fieldOfError(() => cpvPrefix('123456789', 'filter.cpvPrefix'))).toBe('filter.cpvPrefix');
  });
});
