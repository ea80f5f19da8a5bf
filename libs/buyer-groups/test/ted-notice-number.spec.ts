import { describe, expect, it } from '@jest/globals';
import { parseTedNoticeNumber, sameTedNotice, tedNoticeNumber } from '../src/domain/ted-notice-number.js';

describe('TED notice numbers', () => {
  it('accepts the OJ S form and the eForms form', () => {
    expect(parseTedNoticeNumber('2021/S 060-153167')).toEqual({ form: 'OJ_S', number: 153167, year: 2021 });
    expect(parseTedNoticeNumber('153167-2021')).toEqual({ form: 'EFORMS', number: 153167, year: 2021 });
    expect(parseTedNoticeNumber('00012345-2024')).toEqual({ form: 'EFORMS', number: 12345, year: 2024 });
    expect(tedNoticeNumber('  2021/S 060-153167 ', 'noticeNumber')).toBe('2021/S 060-153167');
  });

  it.each([
    ['', 'empty'],
    ['2021/S 60-153167', 'two-digit issue'],
    ['2021/S 000-153167', 'issue 0'],
    ['2021/S 261-153167', 'issue beyond the OJ S year'],
    ['1992/S 010-153167', 'before OJ S numbering'],
    ['2021/S 060-000000', 'notice 0'],
    ['2021/s 060-153167', 'lower-case s'],
    ['153167-1821', 'year outside 19xx/20xx'],
    ['123456789-2021', 'nine digits'],
    ['0-2021', 'notice 0 (eForms)'],
    ['153167/2021', 'wrong separator'],
    ['TED 153167-2021', 'prefix'],
  ])('refuses %p (%s) as BAD_USER_INPUT', (value) => {
    expect(() => tedNoticeNumber(value, 'noticeNumber')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('knows the two forms of one publication are the same notice', () => {
    expect(sameTedNotice('2021/S 060-153167', '153167-2021')).toBe(true);
    expect(sameTedNotice('2021/S 060-153167', '00153167-2021')).toBe(true);
    expect(sameTedNotice('2021/S 060-153167', '153167-2022')).toBe(false);
    expect(sameTedNotice('153168-2021', '153167-2021')).toBe(false);
  });
});
