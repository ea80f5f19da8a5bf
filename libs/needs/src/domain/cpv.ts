import { readFileSync } from 'node:fs';
import { BadUserInput } from '#kernel';

/**
 * The Common Procurement Vocabulary (CPV 2008, Regulation (EC) No 213/2008) with its English
 * labels. It is reference data fixed by law, so it ships with the code and is read once; the
 * build copies the JSON next to the compiled module (scripts/copy-assets.mjs).
 *
 * Why membership and not an algorithm: the check digits of CPV 2008 are not all produced by
 * one formula. Weights 3-7-1 modulo 10 give most of them, but whole subtrees (e.g. 033…, 091…,
 * 421…, 722…) carry other digits inherited from earlier versions of the vocabulary. The
 * vocabulary itself is therefore the authority on each code's check digit.
 */
const VOCABULARY = new Map<string, { code: string; label: string }>(
  Object.entries(
    JSON.parse(readFileSync(new URL('./cpv-2008-en.json', import.meta.url), 'utf8')) as Record<string, string>,
  ).map(([code, label]) => [code.slice(0, 8), { code, label }]),
);

const FORMAT = /^\d{8}-\d$/;

/** Every code of the vocabulary, e.g. `35124000-9`. */
export function cpvCodes(): string[] {
  return [...VOCABULARY.values()].map((entry) => entry.code);
}

/** The English label of a CPV code, or null when the vocabulary does not know it. */
export function cpvLabel(code: string): string | null {
  const entry = VOCABULARY.get(code.slice(0, 8));
  return entry && entry.code === code ? entry.label : null;
}

/**
 * Checks a CPV code: the `NNNNNNNN-C` format, a code of the vocabulary, and its check digit.
 * `field` names the input in the error.
 */
export function cpvCode(value: string, field: string): string {
  const code = (value ?? '').trim();
  if (!FORMAT.test(code)) {
    throw new BadUserInput(field, `${value} is not a CPV code: 8 digits, a dash and a check digit, e.g. 35124000-9`);
  }
  const entry = VOCABULARY.get(code.slice(0, 8));
  if (!entry) throw new BadUserInput(field, `${code.slice(0, 8)} is not a code of the CPV 2008 vocabulary`);
  if (entry.code !== code) {
    throw new BadUserInput(field, `${code} has a wrong check digit: the CPV code is ${entry.code} (${entry.label})`);
  }
  return code;
}

/** A filter on the leading digits of codes, e.g. `35` (division) or `351` (group). */
export function cpvPrefix(value: string, field: string): string {
  const prefix = (value ?? '').trim();
  if (!/^\d{1,8}$/.test(prefix)) throw new BadUserInput(field, `${value} is not 1 to 8 leading digits of a CPV code`);
  return prefix;
}

/** First 2 digits: the division, e.g. `35` Security, fire-fighting, police and defence equipment. */
export const cpvDivision = (code: string): string => code.slice(0, 2);

/** First 3 digits: the group; buyer groups pool needs of one CPV group. */
export const cpvGroup = (code: string): string => code.slice(0, 3);
