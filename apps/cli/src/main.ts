import 'reflect-metadata';
import { noPositionals, noUnknownOptions, parseArguments, UsageError } from './arguments.js';
import { tokenCommand } from './commands/token.command.js';
import { COMMANDS } from './commands.js';

const USAGE = `concord: the command line of Concord

  concord token --sub ID [--role ADMIN] [--role AUDITOR] [--ttl 1h]
${COMMANDS.map((command) => `  ${command.usage}`).join('\n')}

Configuration comes from the same environment variables as the API (CONCORD_DATA_DIR, ...).`;

async function main(argv: string[]): Promise<number> {
  const [first, second] = argv;
  if (!first || first === '--help' || first === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return first ? 0 : 2;
  }
  if (first === 'token') return tokenCommand(parseArguments(argv.slice(1)));
  const command = COMMANDS.find((c) => c.name === first || c.name === `${first} ${second}`);
  if (!command) throw new UsageError(`unknown command: ${argv.join(' ')}`);
  const rest = argv.slice(command.name.split(' ').length);
  const args = parseArguments(rest, command.flags ?? []);
  if (command.options) {
    noPositionals(args, command.name);
    noUnknownOptions(args, command.name, command.options);
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`concord: ${error.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`concord: ${message}\n`);
    process.exit(1);
  },
);
