import type { RecordedEvent } from '#event-store';
import { envelopeOf } from '#kernel';

/** Which events an auditor asks for. Every criterion given must hold. */
export interface AuditFilter {
  /** e.g. `organisation-` for every organisation, or a whole stream id. */
  streamPrefix?: string | null;
  types?: readonly string[] | null;
  /** The acting subject: a member id, or a platform account. */
  subject?: string | null;
  correlationId?: string | null;
  /** Inclusive. */
  from?: Date | null;
  /** Exclusive, so consecutive periods never overlap: [from, to). */
  to?: Date | null;
}

/** When the command recorded the event (its envelope), else when the store committed it. */
export function recordedAtOf(event: RecordedEvent): string {
  return envelopeOf(event.metadata)?.recordedAt ?? event.recordedAt;
}

export function matchesAuditFilter(event: RecordedEvent, filter: AuditFilter = {}): boolean {
  if (filter.streamPrefix && !event.streamId.startsWith(filter.streamPrefix)) return false;
  if (filter.types && !filter.types.includes(event.type)) return false;
  const envelope = envelopeOf(event.metadata);
  if (filter.subject != null && envelope?.actor?.subject !== filter.subject) return false;
  if (filter.correlationId != null && envelope?.correlationId !== filter.correlationId) return false;
  if (filter.from || filter.to) {
    const at = Date.parse(recordedAtOf(event));
    if (filter.from && !(at >= filter.from.getTime())) return false;
    if (filter.to && !(at < filter.to.getTime())) return false;
  }
  return true;
}
