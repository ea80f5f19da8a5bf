import { EventLog, checkReplay, describeDifferences } from '#audit';
import { CONTEXTS } from '#runtime';
import { UsageError } from '../arguments.js';
import type { CliCommand } from '../cli-command.js';
import { Progress, consoleProgress } from '../progress.js';
import { noPositionals, noUnknownOptions, withRuntime } from './audit-options.js';

/**
 * concord audit replay --check
 *
 * The determinism check: replays the log from zero into a scratch file, up to exactly the
 * live read models' checkpoint, and compares every table row by row. Prints each difference
 * and exits 1 if there is any. The live read models are only read.
 */
export const auditReplayCommand: CliCommand = {
  name: 'audit replay',
  usage: 'concord audit replay --check',
  flags: ['check'],
  async run(args) {
    noPositionals(args, 'audit replay');
    noUnknownOptions(args, 'audit replay', []);
    if (!args.flags.has('check')) {
      throw new UsageError('concord audit replay needs --check (to replace the read models, use concord projections rebuild)');
    }
    return withRuntime(async (runtime) => {
      const progress = new Progress('replay', consoleProgress.isTTY ? await new EventLog(runtime.store).count() : undefined);
      const check = await checkReplay(
        {
          store: runtime.store,
          codec: runtime.codec,
          projections: CONTEXTS.flatMap((context) => context.projections),
          liveFile: runtime.readModels.currentFile,
        },
        { onBatch: (events) => progress.advance(events) },
      );
      progress.finish(`${check.events} events replayed up to position ${check.position || '(none)'}`);
      const scope = `${check.tablesCompared} tables, ${check.rowsCompared} live rows`;
      if (check.differences.length === 0) {
        process.stdout.write(`no difference: the replay equals the live read models (${scope})\n`);
        return 0;
      }
      process.stdout.write(`DIFFERENT: the replay does not equal the live read models (${scope})\n`);
      for (const line of describeDifferences(check.differences)) process.stdout.write(`  ${line}\n`);
      return 1;
    });
  },
};
