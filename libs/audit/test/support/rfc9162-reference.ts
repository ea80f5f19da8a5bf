/**
 * RFC 9162 section 2.1, written out as the RFC states it: recursive MTH, PATH and PROOF over the
 * whole list of entries, with no stored nodes and nothing shared with the code under test.
 */
import { createHash } from 'node:crypto';

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

/** The largest power of two smaller than n. */
function k(n: number): number {
  let power = 1;
  while (power * 2 < n) power *= 2;
  return power;
}

export function MTH(D: readonly Buffer[]): Buffer {
  if (D.length === 0) return sha256();
  if (D.length === 1) return sha256(Buffer.from([0]), D[0]!);
  const split = k(D.length);
  return sha256(Buffer.from([1]), MTH(D.slice(0, split)), MTH(D.slice(split)));
}

export function PATH(m: number, D: readonly Buffer[]): Buffer[] {
  if (D.length === 1) return [];
  const split = k(D.length);
  return m < split ? [...PATH(m, D.slice(0, split)), MTH(D.slice(split))] : [...PATH(m - split, D.slice(split)), MTH(D.slice(0, split))];
}

export function PROOF(m: number, D: readonly Buffer[]): Buffer[] {
  return SUBPROOF(m, D, true);
}

function SUBPROOF(m: number, D: readonly Buffer[], b: boolean): Buffer[] {
  if (m === D.length) return b ? [] : [MTH(D)];
  const split = k(D.length);
  return m <= split
    ? [...SUBPROOF(m, D.slice(0, split), b), MTH(D.slice(split))]
    : [...SUBPROOF(m - split, D.slice(split), false), MTH(D.slice(0, split))];
}
