import { BadUserInput, NotFound, SYSTEM_ACTOR, type Actor } from '#kernel';
import { requireAuditor } from '#graphql';
import { checkpointBytes, type SignedCheckpoint } from '../domain/checkpoint.js';
import type { AuditTree } from '../read-model/audit-tree.js';
import type { AuditCheckpoints } from './checkpoints.js';

export interface AuditCheckpointView extends Omit<SignedCheckpoint, 'issuedAt'> {
  issuedAt: Date;
  publicKey: string;
  signedPayload: string;
}

export interface InclusionProofView {
  eventId: string;
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  auditPath: string[];
  rootHash: string;
}

export interface ConsistencyProofView {
  fromSize: number;
  toSize: number;
  fromRootHash: string;
  toRootHash: string;
  proof: string[];
}

const hex = (hash: Buffer) => hash.toString('hex');

/** What auditors ask of the Merkle log: the latest signed checkpoint and RFC 9162 proofs. AUDITOR or ADMIN. */
export class AuditProofs {
  constructor(
    private readonly tree: AuditTree,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  /** The last checkpoint recorded in the log; the first one is issued on demand. */
  async latestCheckpoint(actor: Actor): Promise<AuditCheckpointView> {
    requireAuditor(actor, 'read the audit checkpoint');
    const checkpoint = (await this.checkpoints.latest())?.checkpoint ?? (await this.checkpoints.issue(SYSTEM_ACTOR)).checkpoint;
    return {
      ...checkpoint,
      issuedAt: new Date(checkpoint.issuedAt),
      publicKey: this.checkpoints.key.publicKeyPem,
      signedPayload: checkpointBytes(checkpoint).toString('utf8'),
    };
  }

  inclusionProof(actor: Actor, eventId: string, treeSize?: number | null): InclusionProofView {
    requireAuditor(actor, 'read an inclusion proof');
    if (!eventId || eventId.length > 200) throw new BadUserInput('eventId', 'must be 1 to 200 characters');
    const leaf = this.tree.leafOf(eventId);
    if (!leaf) throw new NotFound('event', eventId);
    const size = this.sizeOf('treeSize', treeSize);
    if (leaf.leafIndex >= size) {
      throw new BadUserInput('treeSize', `event ${eventId} is leaf ${leaf.leafIndex}: it is in trees of ${leaf.leafIndex + 1} events or more`);
    }
    return {
      eventId,
      leafIndex: leaf.leafIndex,
      treeSize: size,
      leafHash: hex(leaf.hash),
      auditPath: this.tree.inclusionPath(leaf.leafIndex, size).map(hex),
      rootHash: hex(this.tree.root(size)),
    };
  }

  consistencyProof(actor: Actor, fromSize: number, toSize?: number | null): ConsistencyProofView {
    requireAuditor(actor, 'read a consistency proof');
    const to = this.sizeOf('toSize', toSize);
    if (!Number.isInteger(fromSize) || fromSize < 1 || fromSize > to) throw new BadUserInput('fromSize', `must be between 1 and toSize (${to})`);
    return {
      fromSize,
      toSize: to,
      fromRootHash: hex(this.tree.root(fromSize)),
      toRootHash: hex(this.tree.root(to)),
      proof: this.tree.consistencyProof(fromSize, to).map(hex),
    };
  }

  /** A tree size given by the client, or the size this instance has projected. */
  private sizeOf(field: string, requested: number | null | undefined): number {
    const size = this.tree.size;
    if (requested == null) return size;
    if (!Number.isInteger(requested) || requested < 1 || requested > size) {
      throw new BadUserInput(field, `must be between 1 and the current tree size (${size})`);
    }
    return requested;
  }
}
