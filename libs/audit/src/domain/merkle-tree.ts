import { createHash, hash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 (certificate transparency v2), section 2.1, over the whole log in
 * global order. Pure: the hashes of complete subtrees come from a `SubtreeHashes` (the stored
 * tree of the read models, or a tree rebuilt in memory), and every other hash, proof and check
 * is derived from them here, so the stored and the rebuilt tree answer by the same code.
 *
 * A complete subtree is addressed by its level (log2 of its size) and its index at that level:
 * (0, i) is leaf i, (h, i) covers leaves [i * 2^h, (i + 1) * 2^h).
 */
export interface SubtreeHashes {
  subtree(level: number, index: number): Buffer;
}

/** MTH of one entry: SHA-256(0x00 ‖ leaf bytes); a string is its UTF-8 bytes. */
export function leafHash(bytes: Buffer | string): Buffer {
  // One-shot hashing: verification hashes every event of the log.
  return typeof bytes === 'string' ? hash('sha256', `\u0000${bytes}`, 'buffer') : hash('sha256', Buffer.concat([Buffer.from([0x00]), bytes]), 'buffer');
}

const node = Buffer.alloc(65, 0x01);

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  left.copy(node, 1);
  right.copy(node, 33);
  return hash('sha256', node, 'buffer');
}

/** MTH of the empty tree: the hash of the empty string. */
export const EMPTY_TREE_HASH = createHash('sha256').digest();

/** The largest power of two smaller than n (n > 1): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[start:end]) for a range the RFC's recursion produces: [0, n) and its right parts. */
export function rangeHash(tree: SubtreeHashes, start: number, end: number): Buffer {
  const size = end - start;
  if (size === 0) return EMPTY_TREE_HASH;
  if ((size & (size - 1)) === 0 && start % size === 0) return tree.subtree(Math.log2(size), start / size);
  const k = splitPoint(size);
  return nodeHash(rangeHash(tree, start, start + k), rangeHash(tree, start + k, end));
}

/** The root hash of the first `size` leaves. */
export function rootHash(tree: SubtreeHashes, size: number): Buffer {
  return rangeHash(tree, 0, size);
}

/** PATH(m, D[n]) of RFC 9162 2.1.3.1: the audit path of leaf m in the tree of n leaves, leaf side first. */
export function inclusionPath(tree: SubtreeHashes, leafIndex: number, treeSize: number): Buffer[] {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) throw new RangeError(`leaf ${leafIndex} is not in a tree of ${treeSize}`);
  const path: Buffer[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, start + k);
      path.push(rangeHash(tree, start + k, end));
    } else {
      walk(m - k, start + k, end);
      path.push(rangeHash(tree, start, start + k));
    }
  };
  walk(leafIndex, 0, treeSize);
  return path;
}

/** PROOF(m, D[n]) of RFC 9162 2.1.4.1: proves the tree of m leaves is a prefix of the tree of n. */
export function consistencyProof(tree: SubtreeHashes, fromSize: number, toSize: number): Buffer[] {
  if (!(fromSize >= 1 && fromSize <= toSize)) throw new RangeError(`no consistency proof from ${fromSize} to ${toSize}`);
  const proof: Buffer[] = [];
  const walk = (m: number, start: number, end: number, whole: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!whole) proof.push(rangeHash(tree, start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      walk(m, start, start + k, whole);
      proof.push(rangeHash(tree, start + k, end));
    } else {
      walk(m - k, start + k, end, false);
      proof.push(rangeHash(tree, start, start + k));
    }
  };
  walk(fromSize, 0, toSize, true);
  return proof;
}

/** RFC 9162 2.1.3.2: whether `path` proves leaf `leafIndex` with `leaf` hash is in the tree with `root`. */
export function verifyInclusion(leafIndex: number, treeSize: number, leaf: Buffer, path: readonly Buffer[], root: Buffer): boolean {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 2.1.4.2: whether `proof` shows the tree (fromSize, fromRoot) is a prefix of (toSize, toRoot). */
export function verifyConsistency(
  fromSize: number,
  toSize: number,
  fromRoot: Buffer,
  toRoot: Buffer,
  proof: readonly Buffer[],
): boolean {
  if (!(fromSize >= 1 && fromSize <= toSize)) return false;
  if (fromSize === toSize) return proof.length === 0 && fromRoot.equals(toRoot);
  if (proof.length === 0) return false;
  const path = (fromSize & (fromSize - 1)) === 0 ? [fromRoot, ...proof] : [...proof];
  let fn = fromSize - 1;
  let sn = toSize - 1;
  while (fn % 2 === 1) [fn, sn] = [fn >> 1, sn >> 1];
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return sn === 0 && fr.equals(fromRoot) && sr.equals(toRoot);
}

/**
 * A tree held in memory, one contiguous buffer of 32-byte hashes per level: what verification
 * rebuilds from the log alone. Appending a leaf hashes at most log2(n) parents, and on average one.
 */
export class MemoryMerkleTree implements SubtreeHashes {
  private levels: Buffer[] = [Buffer.alloc(32 * 1024)];
  private counts: number[] = [0];

  get size(): number {
    return this.counts[0]!;
  }

  append(leaf: Buffer): void {
    let hash = leaf;
    for (let level = 0; ; level += 1) {
      const index = this.push(level, hash);
      if (index % 2 === 0) return;
      hash = nodeHash(this.subtree(level, index - 1), hash);
    }
  }

  subtree(level: number, index: number): Buffer {
    if (index >= (this.counts[level] ?? 0)) throw new RangeError(`no complete subtree (${level}, ${index})`);
    return this.levels[level]!.subarray(index * 32, index * 32 + 32);
  }

  leaf(index: number): Buffer {
    return this.subtree(0, index);
  }

  root(size: number = this.size): Buffer {
    return rootHash(this, size);
  }

  private push(level: number, hash: Buffer): number {
    if (this.levels[level] === undefined) {
      this.levels[level] = Buffer.alloc(32 * 64);
      this.counts[level] = 0;
    }
    const index = this.counts[level]!;
    let buffer = this.levels[level]!;
    if ((index + 1) * 32 > buffer.length) {
      const grown = Buffer.alloc(buffer.length * 2);
      buffer.copy(grown);
      this.levels[level] = buffer = grown;
    }
    hash.copy(buffer, index * 32);
    this.counts[level] = index + 1;
    return index;
  }
}
