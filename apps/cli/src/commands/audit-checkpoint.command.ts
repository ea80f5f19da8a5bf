import { CLI_ACTOR, checkpointsOf, flushOut, onRuntime, writeOut } from './audit-options.js';

/**
 * concord audit checkpoint > checkpoint.json
 *
 * A fresh checkpoint of the whole log as it is now, signed, printed as JSON for an auditor to
 * keep, and recorded in the log (unless nothing was recorded since the last one).
 */
export const auditCheckpointCommand = onRuntime({
  name: 'audit checkpoint',
  usage: 'concord audit checkpoint > checkpoint.json',
  async run(runtime) {
    const { checkpoints } = await checkpointsOf(runtime);
    const { checkpoint, recorded } = await checkpoints.issue(CLI_ACTOR);
    await writeOut(`${JSON.stringify(checkpoint, null, 2)}\n`);
    await flushOut();
    process.stderr.write(
      `checkpoint of ${checkpoint.treeSize} events${recorded ? ', recorded in the log' : ' (the log has not grown since the last recorded one)'}\n`,
    );
    return 0;
  },
});
