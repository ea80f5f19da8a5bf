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

/** RFC 8785 for values JSON.parse gives: keys sorted by UTF-16 code units, no whitespace. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** RFC 9162 2.1.3.2, step by step: the root an audit path leads to from a leaf hash, or undefined if it does not fit the tree. */
export function rootFromInclusionProof(leafIndex: number, treeSize: number, leaf: Buffer, path: readonly Buffer[]): Buffer | undefined {
  if (leafIndex >= treeSize) return undefined;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = sha256(Buffer.from([1]), p, r);
      if (fn % 2 !== 1) {
        while (fn % 2 === 0 && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = sha256(Buffer.from([1]), r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 ? r : undefined;
}
