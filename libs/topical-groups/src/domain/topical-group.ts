export * from './topical-group.decider.js';
export * from './topical-group.state.js';
export * from './overdue.js';
export * from './topical-group.rules.js';
