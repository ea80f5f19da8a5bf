import { checkReplay, describeDifferences } from '#audit';
import { UsageError } from '../arguments.js';
import type { CliCommand } from '../cli-command.js';
import { withRuntime } from './audit-options.js';
import { wholeLog } from './whole-log.js';

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
  options: [],
  async run(args) {
    if (!args.flags.has('check')) {
      throw new UsageError('concord audit replay needs --check (to replace the read models, use concord projections rebuild)');
    }
    return withRuntime(async (runtime) => {
      const { progress, source, options } = await wholeLog(runtime, 'replay');
      const check = await checkReplay({ ...source, liveFile: runtime.readModels.currentFile }, options);
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
