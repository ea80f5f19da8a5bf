import { BadUserInput, type CommandContext } from '#kernel';
import type { RequestContext } from './request-context.js';

/** What a mutation's arguments say about how to run its command. */
export interface CommandOptions {
  idempotencyKey?: string | null;
  expectedVersion?: number | null;
}

/** The command context of a mutation: who, which correlation, idempotency and expected version. */
export function commandContext(request: RequestContext, options: CommandOptions = {}): CommandContext {
  const { idempotencyKey, expectedVersion } = options;
  if (idempotencyKey != null && (idempotencyKey.length === 0 || idempotencyKey.length > 200)) {
    throw new BadUserInput('idempotencyKey', 'must be 1 to 200 characters');
  }
  if (expectedVersion != null && (!Number.isInteger(expectedVersion) || expectedVersion < 0)) {
    throw new BadUserInput('expectedVersion', 'must be a non-negative integer');
  }
  return {
    actor: request.actor!,
    correlationId: request.correlationId,
    idempotencyKey: idempotencyKey ?? null,
    expectedVersion: expectedVersion ?? null,
  };
}
