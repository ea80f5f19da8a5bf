import { ErrorType, isCommandError } from '@eventstore/db-client';

const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 5_000;

/**
 * Failures a resubscription can cure: the connection dropped, the server restarted or was
 * briefly unreachable, or the subscription was dropped for being too slow. Everything else
 * (access denied, not the leader, an invalid start position, a bug) is surfaced.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (isCommandError(error)) {
    return (
      error.type === ErrorType.UNAVAILABLE ||
      error.type === ErrorType.DEADLINE_EXCEEDED ||
      error.type === ErrorType.CANCELLED
    );
  }
  // gRPC status codes: 14 UNAVAILABLE, 4 DEADLINE_EXCEEDED, 1 CANCELLED, 8 RESOURCE_EXHAUSTED, 10 ABORTED.
  const code = (error as { code?: unknown }).code;
  return code === 14 || code === 4 || code === 1 || code === 8 || code === 10;
}

/** Exponential backoff, reset once the subscription delivers again. */
export class Backoff {
  private next = FIRST_DELAY_MS;

  delay(): number {
    const current = this.next;
    this.next = Math.min(MAX_DELAY_MS, this.next * 2);
    return current;
  }

  reset(): void {
    this.next = FIRST_DELAY_MS;
  }
}

/** A readable reason for logs and readiness. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error && isCommandError(error)) return `${error.type}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
