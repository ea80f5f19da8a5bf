export * from './config.js';
export * from './contexts.js';
export * from './runtime.js';
export * from './runtime.module.js';
export * from './tokens.js';
export * from './application-context.js';
