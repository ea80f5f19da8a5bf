/**
 * Deterministic JSON: object keys sorted, no whitespace. Hashes computed over it do not depend
 * on the order in which a serializer happened to write keys. For what JSON.parse gives this is
 * RFC 8785 (keys sorted by UTF-16 code units, numbers and strings as ECMAScript writes them).
 *
 * Written as loops over strings: the Merkle log hashes every event of the log through it.
 */
export function canonicalJson(value: unknown): string {
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
