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

/**
 * A destroyed key cannot be created again. The same code and rule as the kernel's
 * DomainRuleViolation, which the kernel raises in its place: the port knows no domain errors.
 */
export class SubjectErased extends Error {
  readonly code = 'DOMAIN_RULE_VIOLATED';
  readonly rule = 'personal-data-erased';
  readonly details = { rule: this.rule };
  constructor(readonly subject: string) {
    super(`personal data of ${subject} was erased`);
  }
}
