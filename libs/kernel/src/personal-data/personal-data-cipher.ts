import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SubjectErased, type KeyStore } from '#key-store';
import { DomainRuleViolation } from '../errors.js';

/** How an encrypted personal value is stored inside event data. */
export interface SealedValue {
  $pii: string; // the data subject whose key seals it
  v: string; // base64 of iv (12) | tag (16) | ciphertext
}

export function isSealed(value: unknown): value is SealedValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SealedValue).$pii === 'string' &&
    typeof (value as SealedValue).v === 'string'
  );
}

const ERASED = Symbol('erased');

/** AES-256-GCM with one key per data subject. */
export class PersonalDataCipher {
  constructor(private readonly keys: KeyStore) {}

  async seal(subject: string, value: unknown): Promise<SealedValue> {
    const key = await this.keys.keyFor(subject).catch((error: unknown) => {
      if (error instanceof SubjectErased) throw new DomainRuleViolation(error.rule, error.message);
      throw error;
    });
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return { $pii: subject, v: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
  }

  /** The plain value, or `erased` when the subject's key is gone. */
  async open(sealed: SealedValue, erased: unknown): Promise<unknown> {
    const key = await this.keys.find(sealed.$pii);
    if (!key) return erased;
    const raw = Buffer.from(sealed.v, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
  }

  /** Replaces every sealed value found anywhere in `data`; shredded ones become `erased`. */
  async openAll(data: unknown, erased: unknown): Promise<{ data: unknown; erasedAny: boolean }> {
    // Most events hold no personal data: those are copied in one synchronous pass, without the
    // promise per value of the walk below (a rebuild decodes every event of the log).
    if (!holdsSealed(data)) return { data: copyOf(data), erasedAny: false };
    let erasedAny = false;
    const walk = async (value: unknown): Promise<unknown> => {
      if (isSealed(value)) {
        const opened = await this.open(value, ERASED);
        if (opened !== ERASED) return opened;
        erasedAny = true;
        return erased;
      }
      if (Array.isArray(value)) return Promise.all(value.map(walk));
      if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) out[k] = await walk(v);
        return out;
      }
      return value;
    };
    return { data: await walk(data), erasedAny };
  }
}

function holdsSealed(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  if (isSealed(value)) return true;
  if (Array.isArray(value)) return value.some(holdsSealed);
  for (const key in value) if (Object.hasOwn(value, key) && holdsSealed((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** The copy the walk would make: the decoded event never shares objects with the recorded one. */
function copyOf(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyOf);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyOf((value as Record<string, unknown>)[key]);
  return out;
}
