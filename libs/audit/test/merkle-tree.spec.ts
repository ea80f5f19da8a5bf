import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '#event-store';
import { canonicalJson, type DecodedEvent } from '#kernel';
import {
  MemoryMerkleTree,
  consistencyProof,
  inclusionPath,
  leafHash,
  verifyConsistency,
  verifyInclusion,
} from '../src/domain/merkle-tree.js';
import { auditTreeProjection } from '../src/read-model/audit-tree.projection.js';
import { AuditTree } from '../src/read-model/audit-tree.js';
import { MTH, PATH, PROOF } from './support/rfc9162-reference.js';

/**
 * The Merkle tree against RFC 9162 itself: its published-style test vectors, and the recursive
 * definitions (support/rfc9162-reference.ts) for every tree size up to 70, every leaf and every
 * pair of sizes, both for the tree rebuilt in memory and for the tree the projection stores.
 */

const hex = (buffer: Buffer) => buffer.toString('hex');
const SIZES = 70;

/** The entries of the certificate-transparency reference test suite. */
const VECTOR_ENTRIES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const VECTOR_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** A stored record as the projection sees it; its leaf bytes are its canonical JSON. */
function recorded(index: number): RecordedEvent {
  return {
    id: `event-${index}`,
    streamId: `stream-${index % 7}`,
    revision: Math.floor(index / 7),
    position: String(index + 1).padStart(20, '0'),
    type: 'Counted',
    data: { n: index, note: index % 3 === 0 ? 'ünïcødé "quoted"' : null },
    metadata: { z: 1, a: [index, { y: true, b: 'x' }] },
    recordedAt: new Date(Date.UTC(2027, 0, 1, 0, 0, index)).toISOString(),
  };
}

describe('RFC 9162 Merkle tree', () => {
  it('gives the reference roots for the test-vector entries, as does the reference written from the RFC', () => {
    const entries = VECTOR_ENTRIES.map((entry) => Buffer.from(entry, 'hex'));
    const tree = new MemoryMerkleTree();
    entries.forEach((entry, i) => {
      tree.append(leafHash(entry));
      expect(hex(tree.root())).toBe(VECTOR_ROOTS[i]);
      expect(hex(MTH(entries.slice(0, i + 1)))).toBe(VECTOR_ROOTS[i]);
    });
    expect(hex(new MemoryMerkleTree().root())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  describe.each([
    ['rebuilt in memory', () => memoryTree],
    ['stored by the projection', () => storedTree],
  ])('the tree %s', (_name, treeOf) => {
    it('has the RFC root at every size up to 70', () => {
      for (let n = 1; n <= SIZES; n += 1) expect(hex(treeOf().root(n))).toBe(hex(MTH(leaves.slice(0, n))));
    });

    it('gives the RFC audit path of every leaf at every size, and each verifies (and fails once altered)', () => {
      for (let n = 1; n <= SIZES; n += 1) {
        const root = MTH(leaves.slice(0, n));
        for (let m = 0; m < n; m += 1) {
          const path = inclusionPath(treeOf(), m, n);
          expect(path.map(hex)).toEqual(PATH(m, leaves.slice(0, n)).map(hex));
          const leaf = leafHash(leaves[m]!);
          expect(verifyInclusion(m, n, leaf, path, root)).toBe(true);
          expect(verifyInclusion(m, n, leafHash(Buffer.from('other')), path, root)).toBe(false);
          if (n > 1) expect(verifyInclusion((m + 1) % n, n, leaf, path, root)).toBe(false);
          if (path.length > 0) expect(verifyInclusion(m, n, leaf, path.slice(1), root)).toBe(false);
        }
      }
    });

    it('gives the RFC consistency proof for every pair of sizes, and each verifies (and fails once altered)', () => {
      for (let n = 1; n <= SIZES; n += 1) {
        const newRoot = MTH(leaves.slice(0, n));
        for (let m = 1; m <= n; m += 1) {
          const proof = consistencyProof(treeOf(), m, n);
          const oldRoot = MTH(leaves.slice(0, m));
          if (m < n) expect(proof.map(hex)).toEqual(PROOF(m, leaves.slice(0, n)).map(hex));
          else expect(proof).toEqual([]);
          expect(verifyConsistency(m, n, oldRoot, newRoot, proof)).toBe(true);
          if (m < n) {
            expect(verifyConsistency(m, n, MTH(leaves.slice(1, m + 1)), newRoot, proof)).toBe(false);
            expect(verifyConsistency(m, n, oldRoot, MTH(leaves.slice(1, n + 1)), proof)).toBe(false);
            expect(verifyConsistency(m, n, oldRoot, newRoot, [])).toBe(false);
          }
        }
      }
    });
  });

  it('refuses proofs outside the tree', () => {
    expect(() => inclusionPath(memoryTree, 5, 5)).toThrow(RangeError);
    expect(() => consistencyProof(memoryTree, 0, 5)).toThrow(RangeError);
    expect(() => consistencyProof(memoryTree, 6, 5)).toThrow(RangeError);
    expect(() => storedTree.root(SIZES + 1)).toThrow(RangeError);
  });
});

let dir: string;
let db: Database.Database;
let leaves: Buffer[];
let memoryTree: MemoryMerkleTree;
let storedTree: AuditTree;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'concord-merkle-'));
  db = new Database(join(dir, 'read-models.db'));
  db.exec(auditTreeProjection.schema);
  const events = Array.from({ length: SIZES + 1 }, (_, i) => recorded(i));
  leaves = events.map((event) => Buffer.from(canonicalJson(event)));
  memoryTree = new MemoryMerkleTree();
  for (const leaf of leaves) memoryTree.append(leafHash(leaf));
  db.transaction(() => {
    for (const event of events.slice(0, SIZES)) auditTreeProjection.apply(db, { recorded: event } as DecodedEvent);
  })();
  storedTree = new AuditTree(() => db);
});

afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
