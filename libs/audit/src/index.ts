import { AuditModule } from './audit.module.js';
import type { EventCatalog } from '#kernel';
import { auditTreeProjection } from './read-model/audit-tree.projection.js';

export * from './domain/chain.js';
export * from './domain/audit-filter.js';
export * from './domain/exported-event.js';
export * from './domain/merkle-tree.js';
export * from './domain/leaf.js';
export * from './domain/checkpoint.js';
export * from './domain/checkpoint-log.js';
export * from './read-model/event-log.js';
export * from './read-model/audit-tree.js';
export { auditTreeProjection } from './read-model/audit-tree.projection.js';
export * from './application/audit-event-view.js';
export * from './application/audit-trail.js';
export * from './application/verification.js';
export * from './application/log-verification.js';
export * from './application/stored-log-verification.js';
export * from './application/signing-key.js';
export * from './application/checkpoints.js';
export * from './application/checkpoint-schedule.js';
export * from './application/audit-proofs.js';
export * from './application/export.js';
export * from './application/replay.js';
export * from './application/read-model-comparison.js';
export * from './audit-settings.js';

/** The audit context's part of the infrastructure: the Merkle log's tree is a read model. */
export { AuditModule };

export const auditContext = {
  name: 'audit',
  module: AuditModule,
  catalog: {} satisfies EventCatalog,
  projections: [auditTreeProjection],
};
