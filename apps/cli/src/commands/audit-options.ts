import { once } from 'node:events';
import { loadConfig, ConcordRuntime } from '#runtime';
import { AuditCheckpoints, AuditTree, loadSigningKey } from '#audit';
import { UsageError, single, type ParsedArguments } from '../arguments.js';
import type { CliCommand } from '../cli-command.js';

/** Opens the same runtime as the API (store, keys, codec, read models), and always closes it. */
export async function withRuntime<T>(work: (runtime: ConcordRuntime) => Promise<T>): Promise<T> {
  const runtime = ConcordRuntime.open(loadConfig());
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** A command that works on that runtime; it takes no option unless it names some. */
export function onRuntime(
  command: Omit<CliCommand, 'run'> & { run(runtime: ConcordRuntime, args: ParsedArguments): Promise<number> },
): CliCommand {
  return { ...command, options: command.options ?? [], run: (args) => withRuntime((runtime) => command.run(runtime, args)) };
}

/** `--name DATE`: an ISO 8601 date or date-time; a bare date is midnight UTC. */
export function dateOption(args: ParsedArguments, name: string): Date | undefined {
  const value = single(args, name);
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new UsageError(`--${name} ${value} is not a date such as 2027-03-01 or 2027-03-01T10:00:00Z`);
  }
  return date;
}

/** Writes to stdout, waiting when a slow pipe pushes back. */
export async function writeOut(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

/** Resolves once everything written to stdout has been handed to the OS. */
export function flushOut(): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write('', (error) => (error ? reject(error) : resolve())));
}

/** The checkpoints of the runtime's log, signed with the configured key; the tree caught up to the head first. */
export async function checkpointsOf(runtime: ConcordRuntime): Promise<{ checkpoints: AuditCheckpoints; tree: AuditTree }> {
  await runtime.runner.catchUp(runtime.readModels.db);
  const tree = new AuditTree(() => runtime.readModels.db);
  return { checkpoints: new AuditCheckpoints(runtime, tree, loadSigningKey(runtime.config.audit.signingKey)), tree };
}

/** Who records what the command line does. */
export const CLI_ACTOR = { subject: 'concord-cli', roles: [] };
