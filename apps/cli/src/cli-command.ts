import type { ParsedArguments } from './arguments.js';

export interface CliCommand {
  /** One or two words, e.g. `seed` or `audit verify`. */
  name: string;
  usage: string;
  flags?: string[];
  /** The options it knows: a command that declares them takes no positional argument, nor any other option. */
  options?: string[];
  run(args: ParsedArguments): Promise<number>;
}
