import type Database from 'better-sqlite3';
import type { DecodedEvent } from '#kernel';
import type { Projection } from '#projections';
import { recordedLeafHash } from '../domain/leaf.js';
import { nodeHash } from '../domain/merkle-tree.js';
import { CHECKPOINT_ISSUED, CHECKPOINT_STREAM_PREFIX, type AuditCheckpointIssued } from '../domain/checkpoint-log.js';

/**
 * The Merkle log's tree in the read models: every leaf (with the event it stands for) and every
 * complete subtree above them, appended as events are projected: one leaf and, on average, one
 * parent per event, at most log2(n). Like every read model it is derived from the log alone
 * (`concord projections rebuild` builds it again); verification never trusts it, it rebuilds.
 */
export const auditTreeProjection: Projection = {
  name: 'audit-tree',
  schema: `
    CREATE TABLE IF NOT EXISTS audit_tree_leaves (
      leaf_index INTEGER PRIMARY KEY,
      event_id TEXT NOT NULL UNIQUE,
      position TEXT NOT NULL,
      hash BLOB NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS audit_tree_nodes (
      level INTEGER NOT NULL,
      node_index INTEGER NOT NULL,
      hash BLOB NOT NULL,
      PRIMARY KEY (level, node_index)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS audit_checkpoints (
      sequence INTEGER PRIMARY KEY,
      tree_size INTEGER NOT NULL,
      position TEXT NOT NULL
    ) STRICT;
  `,

  apply(db: Database.Database, event: DecodedEvent): void {
    const sql = statementsOf(db);
    const index = sql.size.get()!.size;
    let hash = recordedLeafHash(event.recorded);
    sql.insertLeaf.run(index, event.recorded.id, event.recorded.position, hash);
    // A right child completes its parent: hash it, and go on up while that parent is a right child.
    for (let level = 0, at = index; at % 2 === 1; level += 1, at >>= 1) {
      const left = level === 0 ? sql.leaf.get(at - 1)!.hash : sql.node.get(level, at - 1)!.hash;
      hash = nodeHash(left, hash);
      sql.insertNode.run(level + 1, at >> 1, hash);
    }
    const { recorded } = event;
    if (recorded.type === CHECKPOINT_ISSUED && recorded.streamId.startsWith(CHECKPOINT_STREAM_PREFIX)) {
      const data = recorded.data as AuditCheckpointIssued['data'];
      sql.insertCheckpoint.run(data.sequence, data.treeSize, recorded.position);
    }
  },
};

interface TreeStatements {
  size: Database.Statement<[], { size: number }>;
  leaf: Database.Statement<[number], { hash: Buffer }>;
  node: Database.Statement<[number, number], { hash: Buffer }>;
  insertLeaf: Database.Statement<[number, string, string, Buffer]>;
  insertNode: Database.Statement<[number, number, Buffer]>;
  insertCheckpoint: Database.Statement<[number, number, string]>;
}

const prepared = new WeakMap<Database.Database, TreeStatements>();

/** Prepared once per read-model file: the projection runs once per event. */
export function statementsOf(db: Database.Database): TreeStatements {
  let statements = prepared.get(db);
  if (!statements) {
    statements = {
      size: db.prepare('SELECT COALESCE(MAX(leaf_index) + 1, 0) AS size FROM audit_tree_leaves'),
      leaf: db.prepare('SELECT hash FROM audit_tree_leaves WHERE leaf_index = ?'),
      node: db.prepare('SELECT hash FROM audit_tree_nodes WHERE level = ? AND node_index = ?'),
      insertLeaf: db.prepare('INSERT INTO audit_tree_leaves (leaf_index, event_id, position, hash) VALUES (?, ?, ?, ?)'),
      insertNode: db.prepare('INSERT INTO audit_tree_nodes (level, node_index, hash) VALUES (?, ?, ?)'),
      insertCheckpoint: db.prepare('INSERT OR IGNORE INTO audit_checkpoints (sequence, tree_size, position) VALUES (?, ?, ?)'),
    };
    prepared.set(db, statements);
  }
  return statements;
}
