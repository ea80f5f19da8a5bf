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

/**
 * sha256 over the canonical JSON of {hash, eventId, actor, correlationId, causationId,
 * recordedAt, schemaVersion, idempotencyKey (only when present), batchIndex, batchSize}.
 */
export function expectedEnvelopeHash(envelope: {
  hash: string;
  eventId: string;
  actor: { subject: string; roles: string[] };
  correlationId: string;
  causationId: string | null;
  recordedAt: string;
  schemaVersion: number;
  idempotencyKey?: string;
  batchIndex: number;
  batchSize: number;
}): string {
  const { hash, eventId, actor, correlationId, causationId, recordedAt, schemaVersion, idempotencyKey, batchIndex, batchSize } = envelope;
  const covered = { hash, eventId, actor, correlationId, causationId, recordedAt, schemaVersion, batchIndex, batchSize };
  return createHash('sha256')
    .update(canonical(idempotencyKey === undefined ? covered : { ...covered, idempotencyKey }))
    .digest('hex');
}
