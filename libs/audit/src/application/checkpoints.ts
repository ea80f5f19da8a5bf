import { randomUUID } from 'node:crypto';
import { type EventStore, type Position } from '#event-store';
import { DomainRuleViolation, handleCommand, type Actor, type CommandHandlingDeps } from '#kernel';
import { signCheckpoint, type SignedCheckpoint } from '../domain/checkpoint.js';
import { checkpointOf, checkpointRecord, checkpointStreamOf, type AuditCheckpointIssued } from '../domain/checkpoint-log.js';
import type { AuditTree } from '../read-model/audit-tree.js';
import type { CheckpointSigningKey } from './signing-key.js';

export interface RecordedCheckpoint {
  sequence: number;
  checkpoint: SignedCheckpoint;
  /** Where the checkpoint event itself sits in the log. */
  position: Position;
  /** The checkpoint event's id. */
  id: string;
}

export interface IssuedCheckpoint {
  checkpoint: SignedCheckpoint;
  /** False when the tree had not grown since the last recorded checkpoint: nothing new was recorded. */
  recorded: boolean;
}

const ATTEMPTS = 5;

/** Signs checkpoints of the projected tree and records them in the log. */
export class AuditCheckpoints {
  constructor(
    private readonly deps: CommandHandlingDeps,
    private readonly tree: AuditTree,
    readonly key: CheckpointSigningKey,
  ) {}

  /** The last checkpoint recorded in the log, if any. */
  async latest(): Promise<RecordedCheckpoint | undefined> {
    let found: RecordedCheckpoint | undefined;
    for (let sequence = this.tree.lastCheckpoint()?.sequence ?? 1; ; sequence += 1) {
      const recorded = await recordedCheckpoint(this.deps.store, sequence);
      if (!recorded) return found;
      found = recorded;
    }
  }

  /**
   * A fresh checkpoint of the tree as projected now, recorded in the log unless the tree has not
   * grown since the last recorded one. When another process records the same sequence first,
   * this one follows on from theirs.
   */
  async issue(actor: Actor, correlationId: string = `checkpoint-${randomUUID()}`): Promise<IssuedCheckpoint> {
    for (let attempt = 1; ; attempt += 1) {
      const size = this.tree.size;
      const checkpoint = signCheckpoint(
        { logId: this.key.logId, treeSize: size, rootHash: this.tree.root(size).toString('hex'), issuedAt: this.deps.clock.now().toISOString() },
        this.key.privateKey,
      );
      const previous = await this.latest();
      const fromSize = previous?.checkpoint.treeSize ?? 0;
      // Nothing new, or this instance's tree is behind what another recorded (its read models are catching up): sign, do not record.
      if (size <= fromSize) return { checkpoint, recorded: false };
      const sequence = (previous?.sequence ?? 0) + 1;
      const leafHashes = this.tree.leafHashes(fromSize, size).map((hash) => hash.toString('hex'));
      try {
        await handleCommand(this.deps, {
          decider: checkpointRecord,
          streamId: checkpointStreamOf(sequence),
          command: { type: 'IssueCheckpoint', sequence, checkpoint, fromSize, leafHashes },
          context: { actor, correlationId },
        });
        return { checkpoint, recorded: true };
      } catch (error) {
        const raced = error instanceof DomainRuleViolation && error.rule === 'checkpoint-recorded-once';
        if (!raced || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /** Whether anything but the last checkpoint itself was recorded since it: periodic issuing skips an idle log. */
  async hasNewEvents(): Promise<boolean> {
    const head = await this.deps.store.headPosition();
    if (head === undefined) return false;
    const latest = await this.latest();
    if (head !== latest?.position) return true;
    // The last event is a checkpoint. It is news still when it left out events recorded before it
    // (the tree was behind when it was signed): once the tree holds it, sign what it left out.
    const leaf = this.tree.leafOf(latest.id);
    return leaf !== undefined && leaf.leafIndex > latest.checkpoint.treeSize;
  }
}

async function recordedCheckpoint(store: EventStore, sequence: number): Promise<RecordedCheckpoint | undefined> {
  const [event] = await store.readStream(checkpointStreamOf(sequence), { maxCount: 1 });
  return event && { sequence, checkpoint: checkpointOf(event.data as AuditCheckpointIssued['data']), position: event.position, id: event.id };
}
