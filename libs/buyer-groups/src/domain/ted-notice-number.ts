import { BadUserInput } from '#kernel';

/**
 * TED notice numbers in either form:
 * - the Official Journal S reference of the old standard forms, `2021/S 060-153167`
 *   (year / S, OJ S issue of that year, notice number within the year);
 * - the eForms publication number, `153167-2021` (notice number within the year, then the year).
 * Both name a notice by its number within a year, so `2021/S 060-153167` and `153167-2021`
 * are the same publication.
 */
const OJ_S = /^(\d{4})\/S (\d{3})-(\d{6})$/;
const EFORMS = /^([0-9]{1,8})-((?:19|20)[0-9]{2})$/;

/** OJ S appears on working days: never more than about 255 issues a year. */
const MAX_OJ_S_ISSUE = 260;
/** The OJ S supplement with numbered notices started in 1993. */
const FIRST_OJ_S_YEAR = 1993;

export interface TedNotice {
  form: 'OJ_S' | 'EFORMS';
  /** Notice number within the year. */
  number: number;
  year: number;
}

export function parseTedNoticeNumber(value: string): TedNotice | null {
  const ojs = OJ_S.exec(value);
  if (ojs) {
    const [year, issue, number] = [Number(ojs[1]), Number(ojs[2]), Number(ojs[3])];
    if (year < FIRST_OJ_S_YEAR || year > 2099 || issue < 1 || issue > MAX_OJ_S_ISSUE || number < 1) return null;
    return { form: 'OJ_S', number, year };
  }
  const eforms = EFORMS.exec(value);
  if (eforms) {
    const [number, year] = [Number(eforms[1]), Number(eforms[2])];
    return number < 1 ? null : { form: 'EFORMS', number, year };
  }
  return null;
}

/** Checks a TED notice number (either form) and returns it trimmed; anything else is BAD_USER_INPUT. */
export function tedNoticeNumber(value: string, field: string): string {
  const text = (value ?? '').trim();
  if (!parseTedNoticeNumber(text)) {
    throw new BadUserInput(
      field,
      `${value} is not a TED notice number: OJ S form like 2021/S 060-153167 (issue 001-${MAX_OJ_S_ISSUE}) or eForms form like 153167-2021`,
    );
  }
  return text;
}

/** Whether two numbers name the same TED publication, whatever their form. */
export function sameTedNotice(a: string, b: string): boolean {
  const [x, y] = [parseTedNoticeNumber(a), parseTedNoticeNumber(b)];
  return x && y ? x.number === y.number && x.year === y.year : a === b;
}
