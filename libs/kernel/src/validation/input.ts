import { BadUserInput } from '../errors.js';
import { idempotentAggregateId, newId } from '../ids.js';

export function requiredText(value: string | null | undefined, field: string, maxLength = 500): string {
  const text = (value ?? '').trim();
  if (!text) throw new BadUserInput(field, 'must not be empty');
  if (text.length > maxLength) throw new BadUserInput(field, `must be at most ${maxLength} characters`);
  return readableText(text, field);
}

/** C0 and C1 control characters and DEL, except tab, line feed and carriage return. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** In a `u` regex a paired surrogate is one code point, so this finds only lone halves. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Refuses text no person typed: control characters (a NUL, an escape sequence) and lone UTF-16
 * surrogates, which are not Unicode and come back from storage as something else. Whatever is
 * recorded is kept for good, so it must read back exactly as it was written.
 */
export function readableText(text: string, field: string): string {
  if (CONTROL_CHARACTER.test(text)) throw new BadUserInput(field, 'must not contain control characters');
  if (LONE_SURROGATE.test(text)) throw new BadUserInput(field, 'must be valid Unicode text (it holds half of a surrogate pair)');
  return text;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function emailAddress(value: string, field = 'email'): string {
  const email = value.trim();
  if (!EMAIL.test(email) || email.length > 254) throw new BadUserInput(field, `${value} is not an email address`);
  return email;
}

/** A client-chosen aggregate id: letters, digits, dash and underscore. */
export function aggregateId(value: string, field = 'id'): string {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(value)) {
    throw new BadUserInput(field, 'must be 1 to 100 letters, digits, dashes or underscores');
  }
  return value;
}

/**
 * Id of a new aggregate: the client's own, or one derived from the idempotency key so that a
 * retry addresses the same aggregate, or a fresh UUID.
 */
export function newAggregateId(
  clientId: string | null | undefined,
  context: { idempotencyKey?: string | null; actor: { subject: string } },
  operation: string,
  field = 'input.id',
): string {
  // An empty id is a client's mistake, not a request for a generated one.
  if (clientId != null) return aggregateId(clientId, field);
  if (context.idempotencyKey) return idempotentAggregateId(context.idempotencyKey, context.actor.subject, operation);
  return newId();
}
