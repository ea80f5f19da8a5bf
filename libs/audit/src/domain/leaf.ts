import type { RecordedEvent } from '#event-store';
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
