/**
 * The per-stream hash chain of ARCHITECTURE.md, written out again without the kernel's code so
 * tests check the kernel against the definition rather than against itself.
 */
import { createHash } from 'node:crypto';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 over the canonical JSON of {streamId, streamRevision, type, data, previousHash}. */
export function expectedHash(link: {
  streamId: string;
  streamRevision: number;
  type: string;
  data: unknown;
  previousHash: string;
}): string {
  const { streamId, streamRevision, type, data, previousHash } = link;
  return createHash('sha256').update(canonical({ streamId, streamRevision, type, data, previousHash })).digest('hex');
}

export const ZERO_HASH = '0'.repeat(64);
