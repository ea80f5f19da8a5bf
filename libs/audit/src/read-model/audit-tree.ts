import type Database from 'better-sqlite3';
import { consistencyProof, inclusionPath, rootHash, type SubtreeHashes } from '../domain/merkle-tree.js';
import { statementsOf } from './audit-tree.projection.js';

export interface TreeLeaf {
  leafIndex: number;
  eventId: string;
  position: string;
  hash: Buffer;
}

/**
 * The projected Merkle tree of this instance, read: its size, roots at any size, and proofs.
 * `database` is asked for each time, since a rebuild swaps the read-model file.
 */
export class AuditTree implements SubtreeHashes {
  constructor(private readonly database: () => Database.Database) {}

  get size(): number {
    return statementsOf(this.database()).size.get()!.size;
  }

  subtree(level: number, index: number): Buffer {
    const sql = statementsOf(this.database());
    const row = level === 0 ? sql.leaf.get(index) : sql.node.get(level, index);
    if (!row) throw new RangeError(`the audit tree has no complete subtree (${level}, ${index})`);
    return row.hash;
  }

  root(size: number): Buffer {
    return rootHash(this, size);
  }

  leafOf(eventId: string): TreeLeaf | undefined {
    const row = this.database()
      .prepare<[string], { leaf_index: number; event_id: string; position: string; hash: Buffer }>(
        'SELECT leaf_index, event_id, position, hash FROM audit_tree_leaves WHERE event_id = ?',
      )
      .get(eventId);
    return row && { leafIndex: row.leaf_index, eventId: row.event_id, position: row.position, hash: row.hash };
  }

  /** Leaf hashes [from, to), in order. */
  leafHashes(from: number, to: number): Buffer[] {
    return this.database()
      .prepare<[number, number], { hash: Buffer }>('SELECT hash FROM audit_tree_leaves WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index')
      .all(from, to)
      .map((row) => row.hash);
  }

  /** The last checkpoint recorded in the log as far as this instance has projected it. */
  lastCheckpoint(): { sequence: number; treeSize: number; position: string } | undefined {
    const row = this.database()
      .prepare<[], { sequence: number; tree_size: number; position: string }>(
        'SELECT sequence, tree_size, position FROM audit_checkpoints ORDER BY sequence DESC LIMIT 1',
      )
      .get();
    return row && { sequence: row.sequence, treeSize: row.tree_size, position: row.position };
  }

  inclusionPath(leafIndex: number, treeSize: number): Buffer[] {
    return inclusionPath(this, leafIndex, treeSize);
  }

  consistencyProof(fromSize: number, toSize: number): Buffer[] {
    return consistencyProof(this, fromSize, toSize);
  }
}
