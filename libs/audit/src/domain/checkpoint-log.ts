import type { Decider, DomainEvent } from '#kernel';
import type { SignedCheckpoint } from './checkpoint.js';
import { broken } from './checkpoint.rules.js';

/**
 * Every issued checkpoint is recorded in the log, the k-th in stream `audit-checkpoint-<k>`
 * (k from 1), so later checkpoints are checked against earlier ones. One stream each: recording
 * never reads more than one checkpoint back, however long the log has run.
 */
export const CHECKPOINT_STREAM_PREFIX = 'audit-checkpoint-';
export const CHECKPOINT_ISSUED = 'AuditCheckpointIssued';

export const checkpointStreamOf = (sequence: number): string => `${CHECKPOINT_STREAM_PREFIX}${sequence}`;

/**
 * A checkpoint as recorded. `leafHashes` are the leaf hashes (hex) of events [fromSize,
 * treeSize), fromSize being the previous recorded checkpoint's size. Bound to the signed root,
 * they make an export alone enough to name the first event that no longer matches what was
 * signed, not only to see that something does not.
 */
export type AuditCheckpointIssued = DomainEvent<
  typeof CHECKPOINT_ISSUED,
  SignedCheckpoint & { sequence: number; fromSize: number; leafHashes: string[] }
>;

export interface IssueCheckpoint {
  type: 'IssueCheckpoint';
  sequence: number;
  checkpoint: SignedCheckpoint;
  fromSize: number;
  leafHashes: string[];
}

export interface CheckpointRecordState {
  recorded: boolean;
}

export const checkpointRecord: Decider<IssueCheckpoint, AuditCheckpointIssued, CheckpointRecordState> = {
  initialState: { recorded: false },

  decide(command, state) {
    const { sequence, checkpoint, fromSize, leafHashes } = command;
    if (state.recorded) throw broken('checkpoint-recorded-once', `checkpoint ${sequence} is already recorded`);
    if (!(fromSize >= 0 && fromSize < checkpoint.treeSize) || leafHashes.length !== checkpoint.treeSize - fromSize) {
      throw broken(
        'checkpoint-covers-its-leaves',
        `one of ${checkpoint.treeSize} events following one of ${fromSize} lists ${leafHashes.length} leaves`,
      );
    }
    return [{ type: CHECKPOINT_ISSUED, data: { ...checkpoint, sequence, fromSize, leafHashes: [...leafHashes] } }];
  },

  evolve(state, event) {
    return event.type === CHECKPOINT_ISSUED ? { recorded: true } : state;
  },
};

/** The signed checkpoint of a recorded one, without what only the log needs. */
export function checkpointOf(data: AuditCheckpointIssued['data']): SignedCheckpoint {
  const { logId, treeSize, rootHash, issuedAt, signature } = data;
  return { logId, treeSize, rootHash, issuedAt, signature };
}
