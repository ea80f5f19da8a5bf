export * from './event-store.js';
export * from './errors.js';
export { encodeSequence, decodeSequence } from './position.js';
export { canonicalJson } from './canonical-json.js';
export { SqliteEventStore, DEFAULT_MAX_APPEND_BYTES, type SqliteEventStoreOptions, type SqliteSynchronous } from './sqlite/sqlite-event-store.js';
export { EventStoreDbEventStore, type EventStoreDbOptions } from './eventstoredb/eventstoredb-event-store.js';
export { PERSONAL_DATA_KEY_STREAM_PREFIX } from './eventstoredb/personal-data-key-streams.js';
export { openOwnerOnlyDatabase } from './sqlite/owner-only-database.js';
