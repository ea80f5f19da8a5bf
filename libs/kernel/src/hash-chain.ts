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

/**
 * chainHash of a link whose data is given as the text a store recorded, unparsed. It equals
 * chainHash when that text is the canonical JSON of the data, which is what the SQLite store
 * writes; for any other text it differs. So a match proves the stored text says what was hashed
 * (short of a SHA-256 collision): the bytes are then those hashed at append, the canonical JSON
 * of a five-key object. The part after the data text closes that object and holds no bracket,
 * so its four keys are top-level ones; canonical JSON names each key once, so the data text
 * can hold none of them and is exactly the data's value, the other fields exactly theirs. A
 * mismatch proves nothing by itself (the text may be canonical JSON's equal in another form)
 * and must be judged from the parsed data.
 */
export function storedChainHash(link: Omit<ChainLink, 'data'>, dataText: string): string {
  return hash(
    'sha256',
    `{"data":${dataText},"previousHash":${canonicalJson(link.previousHash)},"streamId":${canonicalJson(link.streamId)},` +
      `"streamRevision":${canonicalJson(link.streamRevision)},"type":${canonicalJson(link.type)}}`,
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
