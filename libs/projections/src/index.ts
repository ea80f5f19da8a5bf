export * from './projection.js';
export * from './read-model-database.js';
export * from './batch-applier.js';
export * from './projection-runner.js';
export * from './prepared-statements.js';
export * from './rows-in.js';
export * from './bulk-load.js';
export * from './read-model-file.js';
