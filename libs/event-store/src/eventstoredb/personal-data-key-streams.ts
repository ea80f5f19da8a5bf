/** Streams holding one personal-data key each, in EventStoreDB: `personal-data-key-<subject>`. */
export const PERSONAL_DATA_KEY_STREAM_PREFIX = 'personal-data-key-';
