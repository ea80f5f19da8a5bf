import type { ExpectedRevision } from './event-store.js';

export class EventStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The stream was not at the revision the caller expected; nothing was written. */
export class WrongExpectedRevisionError extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Revision of the last event in the stream, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

export class StreamNotFoundError extends EventStoreError {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
  }
}

/** Some, but not all, of the appended event ids are already recorded: a caller bug, not a retry. */
export class DuplicateEventIdError extends EventStoreError {
  constructor(readonly eventId: string) {
    super(`event ${eventId} is already recorded with a different batch`);
  }
}

/** The batch is larger than the store accepts in one append; nothing was written. */
export class AppendTooLargeError extends EventStoreError {
  constructor(
    readonly streamId: string,
    /** Size of the batch as the store measures it, when known. */
    readonly size: number | undefined,
    readonly limit: number | undefined,
  ) {
    super(
      `append to ${streamId} is too large` +
        (size !== undefined ? `: ${size} bytes` : '') +
        (limit !== undefined ? `, the store accepts at most ${limit} bytes in one append` : ''),
    );
  }
}

/** The store did not answer within the call's deadline; an append's outcome is then unknown. */
export class EventStoreTimeoutError extends EventStoreError {
  constructor(
    readonly operation: string,
    readonly deadlineMs: number,
  ) {
    super(`event store ${operation} did not answer within ${deadlineMs} ms`);
  }
}

/**
 * A subscription failed in a way that retrying cannot fix (access denied, a start position the
 * store does not have, not talking to the leader): surfaced to the caller instead of looping.
 */
export class SubscriptionFailedError extends EventStoreError {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`subscription to $all failed: ${reason}`, options);
  }
}
