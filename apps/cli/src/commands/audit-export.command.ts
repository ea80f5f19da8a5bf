import { EventLog, exportEvents, type AuditFilter } from '#audit';
import { UsageError, single } from '../arguments.js';
import type { CliCommand } from '../cli-command.js';
import { Progress, consoleProgress } from '../progress.js';
import { dateOption, flushOut, withRuntime, writeOut } from './audit-options.js';

/**
 * concord audit export [--from DATE] [--to DATE] [--stream-prefix P] > log.jsonl
 *
 * One stored event per line, envelope and sealed personal data included, up to the head as
 * it was when the export began: enough to verify the hash chains offline.
 */
export const auditExportCommand: CliCommand = {
  name: 'audit export',
  usage: 'concord audit export [--from DATE] [--to DATE] [--stream-prefix P] > log.jsonl',
  options: ['from', 'to', 'stream-prefix'],
  async run(args) {
    const filter: AuditFilter = { from: dateOption(args, 'from'), to: dateOption(args, 'to'), streamPrefix: single(args, 'stream-prefix') };
    if (filter.from && filter.to && filter.to <= filter.from) throw new UsageError('--to must be after --from (from is inclusive, to exclusive)');
    return withRuntime(async (runtime) => {
      const log = new EventLog(runtime.store);
      // Counting reads the log once more: only worth it when someone watches the bar.
      const progress = new Progress('export', consoleProgress.isTTY ? await log.count(filter) : undefined);
      const exported = await exportEvents(log, filter, writeOut, () => progress.advance());
      await flushOut();
      progress.finish(`${exported} events exported`);
      return 0;
    });
  },
};
