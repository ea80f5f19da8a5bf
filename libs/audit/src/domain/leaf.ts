import type { RecordedEvent, StoredEvent } from '#event-store';
import { canonicalJson } from '#kernel';
import { exportedEventOf, type ExportedEvent } from './exported-event.js';
import { leafHash } from './merkle-tree.js';

/**
 * The leaf of an event in the Merkle log: the canonical JSON (RFC 8785: sorted keys, no
 * whitespace) of its record exactly as `concord audit export` prints it, personal data sealed
 * as stored. An export is therefore all one needs to rebuild the tree, and erasing a member's
 * key never changes a leaf.
 */
export function exportedLeafHash(record: ExportedEvent): Buffer {
  return leafHash(canonicalJson(record));
}

export function recordedLeafHash(event: RecordedEvent): Buffer {
  return exportedLeafHash(exportedEventOf(event));
}

/**
 * The leaf of an event from the JSON text its store recorded, unparsed. It is the leaf of the
 * event when that text is canonical JSON, as the SQLite store writes it. When it is not (a log
 * written before the store wrote canonical text, or text edited into a form that parses the
 * same), the leaf differs from the signed one, and verification then answers from the parsed
 * events instead. Texts that are not JSON at all cannot line up with a signed leaf by shifting
 * fields into one another: every other part is JSON-quoted, and such an event is unreadable
 * for every other path of the system.
 */
export function storedLeafHash(event: StoredEvent): Buffer {
  return leafHash(
    `{"data":${event.data},"id":${JSON.stringify(event.id)},"metadata":${event.metadata},"position":${JSON.stringify(event.position)},` +
      `"recordedAt":${JSON.stringify(event.recordedAt)},"revision":${event.revision},"streamId":${JSON.stringify(event.streamId)},"type":${JSON.stringify(event.type)}}`,
  );
}
