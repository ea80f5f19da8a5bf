import type { KeyObject } from 'node:crypto';
import { logIdOf, signatureMatches, type SignedCheckpoint } from '../domain/checkpoint.js';
import { CHECKPOINT_ISSUED, CHECKPOINT_STREAM_PREFIX, checkpointOf, type AuditCheckpointIssued } from '../domain/checkpoint-log.js';
import type { ExportedEvent } from '../domain/exported-event.js';
import { exportedLeafHash } from '../domain/leaf.js';
import { MemoryMerkleTree, nodeHash, rangeHash, type SubtreeHashes } from '../domain/merkle-tree.js';

/**
 * One record of the log as verification reads it; `leaf` is its leaf hash when the reader
 * hashed the text as stored (see storedLeafHash), else it is computed from the record.
 */
export type LogRecord = ExportedEvent & { lineNumber?: number; leaf?: Buffer };

/** The log as verification reads it: every record in global order, page by page, as often as asked. */
export type LogRecords = () => AsyncIterable<readonly LogRecord[]>;

export interface LogMismatch {
  leafIndex: number;
  /** The event now at that leaf; none when the log ends before it. */
  event?: Pick<ExportedEvent, 'position' | 'streamId' | 'revision' | 'id' | 'type'> & { lineNumber?: number };
  reason: string;
}

export interface CheckpointVerification {
  checkpoint: SignedCheckpoint;
  signatureValid: boolean;
  /** The checkpoint names the log of this public key. */
  logIdMatches: boolean;
  /** Events in the log now. */
  logSize: number;
  /** The log's first treeSize events have exactly the checkpoint's root: the current log extends it. */
  extendsCheckpoint: boolean;
  /** Checkpoints recorded in the log, signed by this key, that were checked against the log and each other. */
  recordedCheckpoints: number;
  /** Leaves whose hash the signed checkpoints recorded in the log vouch for, and the log matches. */
  vouchedLeaves: number;
  /** Recorded checkpoints that do not hold: their leaves or root contradict the log or earlier ones. */
  problems: string[];
  /** Recorded checkpoints not signed by this key (another log's, or a forgery); they vouch for nothing. */
  unsigned: number;
  /** The first leaf from which the log no longer matches what was signed. */
  firstMismatch?: LogMismatch;
  valid: boolean;
}

/**
 * Rebuilds the Merkle tree from the log alone and checks it against a checkpoint an auditor
 * kept: its signature, that the log at its size has exactly its root, and that the current log
 * extends it. The checkpoints recorded in the log, each signed and listing the leaf hashes since
 * the one before, vouch leaf by leaf for what was signed: they name the first changed event,
 * which a root alone cannot. One pass; memory: one 32-byte hash per event and its subtrees.
 */
export async function verifyAgainstCheckpoint(
  records: LogRecords,
  checkpoint: SignedCheckpoint,
  publicKey: KeyObject,
  options: { onEvent?: () => void } = {},
): Promise<CheckpointVerification> {
  const logId = logIdOf(publicKey);
  const rebuilt = new MemoryMerkleTree();
  const problems: string[] = [];
  let vouchedLeaves = 0;
  let recordedCheckpoints = 0;
  let unsigned = 0;
  /** Once the log departs from what was vouched for, later recorded checkpoints cannot move the first mismatch. */
  let mismatch: Omit<LogMismatch, 'event'> | undefined;

  const vouch = (record: ExportedEvent) => {
    const data = record.data as AuditCheckpointIssued['data'];
    const signed = checkpointOf(data);
    if (signed.logId !== logId || !signatureMatches(signed, publicKey)) {
      unsigned += 1;
      return;
    }
    recordedCheckpoints += 1;
    if (mismatch) return;
    const where = `checkpoint ${data.sequence} recorded at position ${record.position}`;
    const listed = Array.isArray(data.leafHashes) ? data.leafHashes : [];
    if (data.fromSize !== vouchedLeaves || listed.length !== data.treeSize - data.fromSize) {
      if (data.treeSize <= vouchedLeaves && rebuilt.root(data.treeSize).toString('hex') !== data.rootHash) {
        problems.push(`${where} contradicts the earlier checkpoints`);
      } else if (data.treeSize > vouchedLeaves) {
        problems.push(`${where} does not follow on from the checkpoint before it (an earlier checkpoint is missing or altered)`);
      }
      return;
    }
    // Where the log departs from the leaves listed, if it does; mostly it does not, and then its
    // own root must be the signed one.
    let departs = data.fromSize;
    while (departs < data.treeSize && departs < rebuilt.size && rebuilt.leaf(departs).toString('hex') === listed[departs - data.fromSize]) departs += 1;
    if (departs === data.treeSize) {
      if (rebuilt.root(data.treeSize).toString('hex') !== data.rootHash) problems.push(`${where} lists leaves that do not give its signed root`);
      else vouchedLeaves = data.treeSize;
      return;
    }
    // The log as the checkpoint signed it: this log up to the last vouched leaf, then the leaves it lists.
    const signedLog = new ListedLeaves(rebuilt, data.fromSize, listed);
    if (rangeHash(signedLog, 0, data.treeSize).toString('hex') !== data.rootHash) {
      problems.push(`${where} lists leaves that do not give its signed root`);
      return;
    }
    const i = departs;
    if (i >= rebuilt.size) {
      mismatch = { leafIndex: i, reason: `the log ends here, but a signed checkpoint vouches for ${data.treeSize} events: events were removed` };
      return;
    }
    const removed = i + 1 < data.treeSize && rebuilt.leaf(i).equals(signedLog.subtree(0, i + 1));
    mismatch = {
      leafIndex: i,
      reason: removed
        ? 'the event signed as this leaf was removed: the event found here followed it'
        : 'this is not the event signed as this leaf by the checkpoints recorded in the log: it was altered, replaced or moved',
    };
  };

  for await (const page of records()) {
    for (const record of page) {
      rebuilt.append(record.leaf ?? exportedLeafHash(record));
      options.onEvent?.();
      if (record.type === CHECKPOINT_ISSUED && record.streamId.startsWith(CHECKPOINT_STREAM_PREFIX)) vouch(record);
    }
  }

  const size = checkpoint.treeSize;
  const extendsCheckpoint = size <= rebuilt.size && rebuilt.root(size).toString('hex') === checkpoint.rootHash;
  if (!mismatch && !extendsCheckpoint) {
    mismatch =
      rebuilt.size < size && vouchedLeaves >= rebuilt.size
        ? { leafIndex: rebuilt.size, reason: `the log ends here, but the checkpoint covers ${size} events: events were removed` }
        : {
            leafIndex: Math.min(vouchedLeaves, rebuilt.size),
            reason:
              `the log's first ${size} events do not have the checkpoint's root; ` +
              (vouchedLeaves > 0 ? 'every leaf before this one is vouched for by the signed checkpoints recorded in the log, none covers ' : 'no signed checkpoint recorded in the log vouches for ') +
              'this one or any after it, so the change lies here or after it',
          };
  }
  const firstMismatch = mismatch && { ...mismatch, event: await recordAt(records, mismatch.leafIndex) };
  const signatureValid = signatureMatches(checkpoint, publicKey);
  const logIdMatches = checkpoint.logId === logId;
  return {
    checkpoint,
    signatureValid,
    logIdMatches,
    logSize: rebuilt.size,
    extendsCheckpoint,
    recordedCheckpoints,
    vouchedLeaves,
    problems,
    unsigned,
    firstMismatch,
    valid: signatureValid && logIdMatches && extendsCheckpoint && !firstMismatch && problems.length === 0,
  };
}

/**
 * The tree a recorded checkpoint signed: the rebuilt tree's subtrees that lie wholly before
 * `from` (already vouched for), and above them the leaves the checkpoint lists.
 */
class ListedLeaves implements SubtreeHashes {
  constructor(
    private readonly before: MemoryMerkleTree,
    private readonly from: number,
    private readonly listed: readonly string[],
  ) {}

  subtree(level: number, index: number): Buffer {
    if ((index + 1) * 2 ** level <= this.from) return this.before.subtree(level, index);
    if (level === 0) return Buffer.from(this.listed[index - this.from]!, 'hex');
    return nodeHash(this.subtree(level - 1, 2 * index), this.subtree(level - 1, 2 * index + 1));
  }
}

async function recordAt(records: LogRecords, index: number): Promise<LogMismatch['event']> {
  let i = 0;
  for await (const page of records()) {
    if (index < i + page.length) {
      const { position, streamId, revision, id, type, lineNumber } = page[index - i]!;
      return { position, streamId, revision, id, type, ...(lineNumber !== undefined ? { lineNumber } : {}) };
    }
    i += page.length;
  }
  return undefined;
}
