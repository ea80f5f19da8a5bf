import type { CliCommand } from './cli-command.js';
import { seedCommand } from './commands/seed.command.js';
import { auditExportCommand } from './commands/audit-export.command.js';
import { auditVerifyCommand } from './commands/audit-verify.command.js';
import { auditReplayCommand } from './commands/audit-replay.command.js';
import { auditCheckpointCommand } from './commands/audit-checkpoint.command.js';
import { auditPublicKeyCommand } from './commands/audit-public-key.command.js';
import { projectionsRebuildCommand } from './commands/projections-rebuild.command.js';

/** Every command but `token`, which needs no runtime. */
export const COMMANDS: CliCommand[] = [
  seedCommand,
  auditExportCommand,
  auditVerifyCommand,
  auditReplayCommand,
  auditCheckpointCommand,
  auditPublicKeyCommand,
  projectionsRebuildCommand,
];
