import type { CheckpointScheduleSettings } from './application/checkpoint-schedule.js';
import type { SigningKeySettings } from './application/signing-key.js';

/** The audit context's settings (see the README's configuration table); the runtime provides them. */
export const AUDIT_SETTINGS = Symbol('AUDIT_SETTINGS');

export interface AuditSettings {
  signingKey: SigningKeySettings;
  schedule: CheckpointScheduleSettings;
}
