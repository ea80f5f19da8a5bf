import type { Actor } from './actor.js';

/** Metadata stored with every event. */
export interface EventEnvelope {
  eventId: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  recordedAt: string;
  schemaVersion: number;
  previousHash: string;
  hash: string;
  /** Key the command was sent with, if any, so a retry can be recognised. */
  idempotencyKey?: string;
  /** Events appended by one command share a batch index range; the first is 0. */
  batchIndex: number;
  batchSize: number;
  /**
   * `envelopeHash()` of this envelope. The chain hash covers the fact (type, data, place in the
   * stream); this covers who recorded it, when and why (actor, correlation, causation, time,
   * schema version, event id, idempotency key, batch), and it is bound to the chain through
   * `hash`, so an edit of any of them is detected. Events recorded before it existed have none;
   * verification accepts its absence, every event recorded since carries one.
   */
  envelopeHash?: string;
}

export function envelopeOf(metadata: Record<string, unknown>): EventEnvelope | undefined {
  return typeof metadata['hash'] === 'string' ? (metadata as unknown as EventEnvelope) : undefined;
}
