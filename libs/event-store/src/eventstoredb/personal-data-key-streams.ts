/**
 * Streams in which earlier deployments kept one personal-data key each,
 * `personal-data-key-<subject>`. Keys now live in a store that can delete (PostgreSQL or
 * keys.db); such streams are still never passed to projections or exports.
 */
export const PERSONAL_DATA_KEY_STREAM_PREFIX = 'personal-data-key-';
