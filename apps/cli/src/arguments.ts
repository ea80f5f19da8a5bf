/** Minimal, strict option parsing: `--name value`, repeatable options, and `--flag`. */
export interface ParsedArguments {
  positionals: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

export function parseArguments(argv: string[], flagNames: string[] = []): ParsedArguments {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (flagNames.includes(name)) {
      flags.add(name);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return { positionals, options, flags };
}

export class UsageError extends Error {}

export function single(args: ParsedArguments, name: string): string | undefined {
  const values = args.options.get(name);
  if (values && values.length > 1) throw new UsageError(`--${name} may be given once`);
  return values?.[0];
}

export function noPositionals(args: ParsedArguments, command: string): void {
  if (args.positionals.length > 0) throw new UsageError(`concord ${command} takes no argument ${args.positionals.join(' ')}`);
}

export function noUnknownOptions(args: ParsedArguments, command: string, known: string[]): void {
  const unknown = [...args.options.keys()].filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new UsageError(`concord ${command} has no option ${unknown.map((name) => `--${name}`).join(', ')}`);
}
