import { basename } from 'node:path';
import { rebuildReadModels } from '#audit';
import { onRuntime } from './audit-options.js';
import { wholeLog } from './whole-log.js';

/**
 * concord projections rebuild
 *
 * Projects every event from zero into a fresh read-model file, then points CURRENT at it.
 * A running API keeps serving from its file meanwhile, adopts the new one when it sees the
 * pointer move, catches up what was recorded since, and removes the old file.
 */
export const projectionsRebuildCommand = onRuntime({
  name: 'projections rebuild',
  usage: 'concord projections rebuild',
  async run(runtime) {
    const { progress, source, options } = await wholeLog(runtime, 'rebuild');
    const rebuilt = await rebuildReadModels({ ...source, readModels: runtime.readModels }, options);
    progress.finish(`${rebuilt.events} events projected`);
    process.stdout.write(
      `rebuilt the read models into ${basename(rebuilt.file)} up to position ${rebuilt.position || '(none)'}; ` +
        'a running API adopts it within a second\n',
    );
    return 0;
  },
});
