/** Holds one data key per data subject; destroying it crypto-shreds that subject's personal data. */
export interface KeyStore {
  /** The subject's key, created on first use. Refuses to recreate a destroyed key. */
  keyFor(subject: string): Promise<Buffer>;
  /** The subject's key, or undefined once destroyed (or never created). */
  find(subject: string): Promise<Buffer | undefined>;
  isDestroyed(subject: string): Promise<boolean>;
  destroy(subject: string): Promise<void>;
  close(): Promise<void>;
}

/** Injection token of the KeyStore. */
export const KEY_STORE = Symbol('KEY_STORE');
