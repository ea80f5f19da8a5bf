import { PERSONAL_DATA_KEY_STREAM_PREFIX } from './personal-data-key-streams.js';

/** The fields of a recorded event that decide whether it is Concord's. */
interface Candidate {
  streamId: string;
  type: string;
  isJson: boolean;
  data: unknown;
}

/**
 * Which events of `$all` are Concord's log. Skipped, so they reach neither projections nor
 * exports: EventStoreDB's own events (type or stream starting with `$`, link events `$>` among
 * them), personal-data keys of deployments that kept them in EventStoreDB, and events other
 * tools wrote that Concord could not have written: binary (non-JSON) content, or data that is
 * not a JSON object (the client hands unparsable JSON over as a string).
 *
 * Events of soft-deleted or truncated streams are still in `$all` and are kept: they were
 * recorded, and an audit trail must not lose them silently.
 */
export function isConcordEvent(event: Candidate): boolean {
  if (event.type.startsWith('$') || event.streamId.startsWith('$')) return false;
  if (event.streamId.startsWith(PERSONAL_DATA_KEY_STREAM_PREFIX)) return false;
  if (!event.isJson) return false;
  return event.data !== null && typeof event.data === 'object' && !Array.isArray(event.data) && !(event.data instanceof Uint8Array);
}
