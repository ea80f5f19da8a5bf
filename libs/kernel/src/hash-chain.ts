import { hash } from 'node:crypto';
import { canonicalJson } from '#event-store';
import type { EventEnvelope } from './envelope.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainLink {
  streamId: string;
  streamRevision: number;
  type: string;
  /** The data as stored (personal data encrypted), so erasure never breaks the chain. */
  data: unknown;
  previousHash: string;
}

// Keys in canonical (sorted) order, here and in envelopeHash: verification hashes every event
// of the log, and canonicalJson then writes them by JSON.stringify.
export function chainHash(link: ChainLink): string {
  return hash(
    'sha256',
    canonicalJson({
      data: link.data,
      previousHash: link.previousHash,
      streamId: link.streamId,
      streamRevision: link.streamRevision,
      type: link.type,
    }),
    'hex',
  );
}

/** What an envelope hash covers: who, when and why of the event, and the chain hash of what. */
export type HashedEnvelope = Pick<
  EventEnvelope,
  'hash' | 'eventId' | 'actor' | 'correlationId' | 'causationId' | 'recordedAt' | 'schemaVersion' | 'idempotencyKey' | 'batchIndex' | 'batchSize'
>;

/**
 * sha256 over the canonical JSON of {hash, eventId, actor, correlationId, causationId,
 * recordedAt, schemaVersion, idempotencyKey (when present), batchIndex, batchSize}.
 *
 * The chain hash covers the fact (stream, revision, type, data, link); this covers the rest of
 * the envelope, so an edited actor or timestamp shows. It includes `hash`, which binds it to
 * the event's place in the chain: copying an envelope onto another event does not verify.
 * Only the named fields are read, so the stored envelope itself can be passed.
 */
export function envelopeHash(envelope: HashedEnvelope): string {
  return hash(
    'sha256',
    canonicalJson({
      actor: envelope.actor,
      batchIndex: envelope.batchIndex,
      batchSize: envelope.batchSize,
      causationId: envelope.causationId,
      correlationId: envelope.correlationId,
      eventId: envelope.eventId,
      hash: envelope.hash,
      idempotencyKey: envelope.idempotencyKey,
      recordedAt: envelope.recordedAt,
      schemaVersion: envelope.schemaVersion,
    }),
    'hex',
  );
}
