import { basename } from 'node:path';
import { EventLog, rebuildReadModels } from '#audit';
import { CONTEXTS } from '#runtime';
import type { CliCommand } from '../cli-command.js';
import { Progress, consoleProgress } from '../progress.js';
import { noPositionals, noUnknownOptions, withRuntime } from './audit-options.js';

/**
 * concord projections rebuild
 *
 * Projects every event from zero into a fresh read-model file, then points CURRENT at it.
 * A running API keeps serving from its file meanwhile, adopts the new one when it sees the
 * pointer move, catches up what was recorded since, and removes the old file.
 */
export const projectionsRebuildCommand: CliCommand = {
  name: 'projections rebuild',
  usage: 'concord projections rebuild',
  async run(args) {
    noPositionals(args, 'projections rebuild');
    noUnknownOptions(args, 'projections rebuild', []);
    return withRuntime(async (runtime) => {
      const progress = new Progress('rebuild', consoleProgress.isTTY ? await new EventLog(runtime.store).count() : undefined);
      const rebuilt = await rebuildReadModels(
        {
          store: runtime.store,
          codec: runtime.codec,
          projections: CONTEXTS.flatMap((context) => context.projections),
          readModels: runtime.readModels,
        },
        { onBatch: (events) => progress.advance(events) },
      );
      progress.finish(`${rebuilt.events} events projected`);
      process.stdout.write(
        `rebuilt the read models into ${basename(rebuilt.file)} up to position ${rebuilt.position || '(none)'}; ` +
          'a running API adopts it within a second\n',
      );
      return 0;
    });
  },
};
