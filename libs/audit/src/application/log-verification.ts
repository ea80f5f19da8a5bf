import type { KeyObject } from 'node:crypto';
import { logIdOf, signatureMatches, type SignedCheckpoint } from '../domain/checkpoint.js';
import { CHECKPOINT_ISSUED, CHECKPOINT_STREAM_PREFIX, checkpointOf, type AuditCheckpointIssued } from '../domain/checkpoint-log.js';
import type { ExportedEvent } from '../domain/exported-event.js';
import { exportedLeafHash } from '../domain/leaf.js';
import { MemoryMerkleTree } from '../domain/merkle-tree.js';

/** The log as verification reads it: every record in global order, as often as asked. */
export type LogRecords = () => AsyncIterable<ExportedEvent & { lineNumber?: number }>;

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
  /** Leaves whose hash a signed checkpoint recorded in the log vouches for. */
  vouchedLeaves: number;
  /** Recorded checkpoints that do not hold: their leaves or root contradict earlier ones. */
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
 * which a root alone cannot. Memory: two 32-byte hashes per event.
 */
export async function verifyAgainstCheckpoint(
  records: LogRecords,
  checkpoint: SignedCheckpoint,
  publicKey: KeyObject,
  options: { onEvent?: () => void } = {},
): Promise<CheckpointVerification> {
  const logId = logIdOf(publicKey);
  const rebuilt = new MemoryMerkleTree();
  const vouched = new MemoryMerkleTree();
  const problems: string[] = [];
  let vouchedLeaves = 0;
  let recordedCheckpoints = 0;
  let unsigned = 0;
  let chainEnded = false;

  const vouch = (record: ExportedEvent) => {
    const data = record.data as AuditCheckpointIssued['data'];
    const signed = checkpointOf(data);
    if (signed.logId !== logId || !signatureMatches(signed, publicKey)) {
      unsigned += 1;
      return;
    }
    recordedCheckpoints += 1;
    const where = `checkpoint ${data.sequence} recorded at position ${record.position}`;
    if (data.fromSize < vouchedLeaves && data.treeSize <= vouchedLeaves) {
      if (vouched.root(data.treeSize).toString('hex') !== data.rootHash) problems.push(`${where} contradicts the earlier checkpoints`);
      return;
    }
    if (chainEnded || data.fromSize !== vouchedLeaves || !Array.isArray(data.leafHashes) || data.leafHashes.length !== data.treeSize - data.fromSize) {
      chainEnded = true;
      problems.push(`${where} does not follow on from the checkpoint before it (an earlier checkpoint is missing or altered)`);
      return;
    }
    for (const hash of data.leafHashes) vouched.append(Buffer.from(hash, 'hex'));
    if (vouched.root(data.treeSize).toString('hex') !== data.rootHash) {
      chainEnded = true;
      problems.push(`${where} lists leaves that do not give its signed root`);
      return;
    }
    vouchedLeaves = data.treeSize;
  };

  for await (const record of records()) {
    rebuilt.append(exportedLeafHash(record));
    options.onEvent?.();
    if (record.type === CHECKPOINT_ISSUED && record.streamId.startsWith(CHECKPOINT_STREAM_PREFIX)) vouch(record);
  }

  const size = checkpoint.treeSize;
  const extendsCheckpoint = size <= rebuilt.size && rebuilt.root(size).toString('hex') === checkpoint.rootHash;
  let mismatch: Omit<LogMismatch, 'event'> | undefined;
  const compared = Math.min(rebuilt.size, vouchedLeaves);
  for (let i = 0; i < compared; i += 1) {
    if (!rebuilt.leaf(i).equals(vouched.leaf(i))) {
      const removed = i + 1 < vouchedLeaves && rebuilt.leaf(i).equals(vouched.leaf(i + 1));
      mismatch = {
        leafIndex: i,
        reason: removed
          ? 'the event signed as this leaf was removed: the event found here followed it'
          : 'this is not the event signed as this leaf by the checkpoints recorded in the log: it was altered, replaced or moved',
      };
      break;
    }
  }
  if (!mismatch && vouchedLeaves > rebuilt.size) {
    mismatch = { leafIndex: rebuilt.size, reason: `the log ends here, but signed checkpoints vouch for ${vouchedLeaves} events: events were removed` };
  }
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

async function recordAt(records: LogRecords, index: number): Promise<LogMismatch['event']> {
  let i = 0;
  for await (const record of records()) {
    if (i === index) {
      const { position, streamId, revision, id, type, lineNumber } = record;
      return { position, streamId, revision, id, type, ...(lineNumber !== undefined ? { lineNumber } : {}) };
    }
    i += 1;
  }
  return undefined;
}
