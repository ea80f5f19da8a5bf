import type { RecordedEvent } from '#event-store';
import { ERASED_MARK, envelopeOf, hasRole, type Actor, type EventCodec } from '#kernel';

export const RESTRICTED_MARK = '[restricted]';
import { recordedAtOf } from '../domain/audit-filter.js';

/** A recorded event as an auditor reads it. */
export interface AuditEventView {
  id: string;
  streamId: string;
  streamRevision: number;
  position: string;
  type: string;
  recordedAt: Date;
  actor: Actor | null;
  correlationId: string | null;
  causationId: string | null;
  /** Upcast, personal data opened, or `[erased]` where the subject's key was destroyed. */
  data: unknown;
  previousHash: string;
  hash: string;
}

/**
 * Builds the auditor's view of an event. An event whose sealed data no longer opens (it was
 * tampered with) is shown as stored rather than failing the whole answer: the auditor needs
 * to see exactly that event.
 */
export async function auditEventView(codec: EventCodec, recorded: RecordedEvent, reader: Actor): Promise<AuditEventView> {
  const envelope = envelopeOf(recorded.metadata);
  let data: unknown;
  try {
    data = withheldFrom(reader, codec.restrictedFieldsOf(recorded.type), (await codec.decode(recorded, ERASED_MARK)).data);
  } catch {
    data = recorded.data;
  }
  const previousHash = recorded.metadata['previousHash'];
  const recordedAt = new Date(recordedAtOf(recorded));
  return {
    id: recorded.id,
    streamId: recorded.streamId,
    streamRevision: recorded.revision,
    position: recorded.position,
    type: recorded.type,
    recordedAt: Number.isNaN(recordedAt.getTime()) ? new Date(recorded.recordedAt) : recordedAt,
    actor: envelope?.actor ? { subject: String(envelope.actor.subject), roles: (envelope.actor.roles ?? []).map(String) } : null,
    correlationId: envelope?.correlationId ?? null,
    causationId: envelope?.causationId ?? null,
    data,
    previousHash: typeof previousHash === 'string' ? previousHash : '',
    hash: envelope?.hash ?? '',
  };
}

/** Personal fields the role table keeps from this reader: only ADMIN reads them in the trail. */
function withheldFrom(reader: Actor, restricted: readonly string[], data: Record<string, unknown>): Record<string, unknown> {
  if (restricted.length === 0 || hasRole(reader, 'ADMIN')) return data;
  const shown = { ...data };
  for (const field of restricted) {
    if (shown[field] != null && shown[field] !== ERASED_MARK) shown[field] = RESTRICTED_MARK;
  }
  return shown;
}
