import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '#kernel';

/** What a checkpoint states: the log `logId` had `treeSize` events, with this root, at `issuedAt`. */
export interface Checkpoint {
  logId: string;
  treeSize: number;
  /** RFC 9162 root hash of the first treeSize events, hex. */
  rootHash: string;
  issuedAt: string;
}

/** A checkpoint with the Ed25519 signature (base64) over `checkpointBytes` of it. */
export interface SignedCheckpoint extends Checkpoint {
  signature: string;
}

/** What is signed: the canonical JSON of exactly the four fields, nothing else. */
export function checkpointBytes(checkpoint: Checkpoint): Buffer {
  const { logId, treeSize, rootHash, issuedAt } = checkpoint;
  return Buffer.from(canonicalJson({ logId, treeSize, rootHash, issuedAt }));
}

export function signCheckpoint(checkpoint: Checkpoint, privateKey: KeyObject): SignedCheckpoint {
  const { logId, treeSize, rootHash, issuedAt } = checkpoint;
  return { logId, treeSize, rootHash, issuedAt, signature: sign(null, checkpointBytes(checkpoint), privateKey).toString('base64') };
}

export function signatureMatches(checkpoint: SignedCheckpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, checkpointBytes(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/** As certificate transparency names a log: the SHA-256 of its public key (DER SubjectPublicKeyInfo), hex. */
export function logIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the public key is ${key.asymmetricKeyType}, not Ed25519`);
  return key;
}

/** Reads a checkpoint an auditor kept (JSON); throws with what is wrong. */
export function parseCheckpoint(text: string): SignedCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`the checkpoint is not JSON: ${(error as Error).message}`);
  }
  const c = value as Record<string, unknown>;
  if (typeof c !== 'object' || c === null) throw new Error('the checkpoint is not a JSON object');
  for (const field of ['logId', 'rootHash', 'issuedAt', 'signature'] as const) {
    if (typeof c[field] !== 'string') throw new Error(`the checkpoint's ${field} must be a string`);
  }
  if (!Number.isSafeInteger(c['treeSize']) || (c['treeSize'] as number) < 0) throw new Error("the checkpoint's treeSize must be a non-negative integer");
  if (!/^[0-9a-f]{64}$/.test(c['rootHash'] as string)) throw new Error("the checkpoint's rootHash must be 64 hex digits");
  return { logId: c['logId'], treeSize: c['treeSize'], rootHash: c['rootHash'], issuedAt: c['issuedAt'], signature: c['signature'] } as SignedCheckpoint;
}
