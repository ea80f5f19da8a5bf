import { createHash, randomUUID } from 'node:crypto';

/** Namespace of Concord's name-based UUIDs. */
const CONCORD_NAMESPACE = '6f1c3b9e-2d4a-4c8e-9b1a-7e5d2f0a3c41';

export function newId(): string {
  return randomUUID();
}

/** RFC 9562 UUID version 5 (SHA-1, name-based): the same name always gives the same id. */
export function uuidV5(name: string, namespace: string = CONCORD_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * An idempotency key as the store sees it: scoped to who sends it and for which operation, so
 * one caller's key never answers another caller's request, nor another kind of command.
 */
export function scopedIdempotencyKey(idempotencyKey: string, subject: string, operation: string): string {
  return `${subject}|${operation}|${idempotencyKey}`;
}

/** Event ids of a command carrying an idempotency key: a retry produces the very same ids. */
export function idempotentEventId(idempotencyKey: string, streamId: string, index: number): string {
  return uuidV5(`event|${idempotencyKey}|${streamId}|${index}`);
}

/** Aggregate id for a create command without a client id, stable across retries of one key. */
export function idempotentAggregateId(idempotencyKey: string, subject: string, operation: string): string {
  return uuidV5(`aggregate|${operation}|${subject}|${idempotencyKey}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
