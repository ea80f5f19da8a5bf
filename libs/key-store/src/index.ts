export { KEY_STORE, SubjectErased, type KeyStore } from './key-store.js';
export { SqliteKeyStore } from './sqlite/sqlite-key-store.js';
export { PostgresKeyStore, type PostgresKeyStoreOptions } from './postgres/postgres-key-store.js';
