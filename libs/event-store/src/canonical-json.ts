/**
 * Deterministic JSON: object keys sorted, no whitespace. Hashes computed over it do not depend
 * on the order in which a serializer happened to write keys. For what JSON.parse gives this is
 * RFC 8785 (keys sorted by UTF-16 code units, numbers and strings as ECMAScript writes them).
 *
 * The Merkle log hashes every event of the log through it. A value whose keys already stand in
 * sorted order (what JSON.parse gives for text written by this function) is written by
 * JSON.stringify, which then writes exactly these bytes several times faster; any other value
 * is written key by key.
 */
export function canonicalJson(value: unknown): string {
  return inCanonicalOrder(value) ? JSON.stringify(value) : written(value);
}

/**
 * Whether JSON.stringify would write `value` canonically: plain objects whose keys, in the
 * order the engine keeps them, are sorted (integer-like keys, which engines put first in
 * numeric order, fail this unless they happen to sort the same), no toJSON, finite numbers.
 */
function inCanonicalOrder(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const item = value[i];
      if (item !== undefined && !inCanonicalOrder(item)) return false;
    }
    return true;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  let previous: string | undefined;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) return false;
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined && !inCanonicalOrder(item)) return false;
  }
  return true;
}

function written(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (value === undefined) return 'null';
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number');
    return JSON.stringify(value);
  }
  // See the value as JSON storage does (a Date becomes its ISO string), so a hash over it can be
  // recomputed from the data as read back.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) out += ',';
      out += canonicalJson(value[i] ?? null);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${quotedKey(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}

/** Keys repeat from one event to the next: quote each once. */
const quoted = new Map<string, string>();

function quotedKey(key: string): string {
  let text = quoted.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (quoted.size < 10_000) quoted.set(key, text);
  }
  return text;
}
