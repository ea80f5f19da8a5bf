/** The codes clients see in `extensions.code`. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DOMAIN_RULE_VIOLATED'
  | 'RATE_LIMITED';

/** An error meant for the client: its message and details are safe to show. */
export class ConcordError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadUserInput extends ConcordError {
  constructor(readonly field: string, message: string) {
    super('BAD_USER_INPUT', `${field}: ${message}`, { field });
  }
}

export class Unauthenticated extends ConcordError {
  constructor(message = 'a valid bearer token is required') {
    super('UNAUTHENTICATED', message);
  }
}

export class Forbidden extends ConcordError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

export class NotFound extends ConcordError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} not found`, { id });
  }
}

export class Conflict extends ConcordError {
  constructor(readonly expected: number, readonly actual: number) {
    super('CONFLICT', `expected version ${expected}, but the current version is ${actual}`, { expected, actual });
  }
}

/** A broken domain rule; `rule` is a stable identifier clients and tests can match on. */
export class DomainRuleViolation extends ConcordError {
  /** `facts`: what a client needs to act on the refusal, e.g. the buyer group that holds a need. */
  constructor(readonly rule: string, message: string, facts: Record<string, unknown> = {}) {
    super('DOMAIN_RULE_VIOLATED', message, { ...facts, rule });
  }
}

/** Too many requests or mutations in the current window; `retryAfter` is in seconds. */
export class RateLimited extends ConcordError {
  constructor(readonly retryAfter: number, what: string) {
    super('RATE_LIMITED', `too many ${what}: retry in ${retryAfter} s`, { retryAfter });
  }
}
