import type { ParsedArguments } from './arguments.js';
import { seedCommand } from './commands/seed.command.js';

export interface CliCommand {
  /** One or two words, e.g. `seed` or `audit verify`. */
  name: string;
  usage: string;
  flags?: string[];
  run(args: ParsedArguments): Promise<number>;
}

/** Every command but `token`, which needs no runtime. */
export const COMMANDS: CliCommand[] = [seedCommand];
