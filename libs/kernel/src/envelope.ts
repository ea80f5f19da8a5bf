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
}

export function envelopeOf(metadata: Record<string, unknown>): EventEnvelope | undefined {
  return typeof metadata['hash'] === 'string' ? (metadata as unknown as EventEnvelope) : undefined;
}
