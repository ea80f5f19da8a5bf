import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logIdOf } from '../domain/checkpoint.js';

/** Where the checkpoint signing key comes from; never from the event store. */
export interface SigningKeySettings {
  dataDir: string;
  /** PKCS#8 PEM (CONCORD_AUDIT_SIGNING_KEY). */
  pem?: string;
  /** A file holding the PKCS#8 PEM (CONCORD_AUDIT_SIGNING_KEY_FILE). */
  file?: string;
}

export interface CheckpointSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  logId: string;
}

export const GENERATED_KEY_FILE = 'audit-signing-key.pem';

/**
 * The Ed25519 key that signs checkpoints: from the environment, from a file, or generated once
 * into the data dir (mode 0600). In production give it from outside the machine that holds
 * the log: whoever can read the key can sign a rewritten log.
 */
export function loadSigningKey(settings: SigningKeySettings): CheckpointSigningKey {
  const pem = settings.pem ? settings.pem.replace(/\\n/g, '\n') : readFileSync(settings.file ?? generatedKeyFile(settings.dataDir), 'utf8');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`the audit signing key (${settings.pem ? 'CONCORD_AUDIT_SIGNING_KEY' : (settings.file ?? 'data dir')}) is not a PEM private key: ${(error as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the audit signing key is ${privateKey.asymmetricKeyType}, not Ed25519`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: String(publicKey.export({ type: 'spki', format: 'pem' })), logId: logIdOf(publicKey) };
}

/** The default key file, generated on first use; another process creating it first wins. */
function generatedKeyFile(dataDir: string): string {
  const file = join(dataDir, GENERATED_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return file;
}
