import type { ParsedArguments } from './arguments.js';

export interface CliCommand {
  /** One or two words, e.g. `seed` or `audit verify`. */
  name: string;
  usage: string;
  flags?: string[];
  run(args: ParsedArguments): Promise<number>;
}
