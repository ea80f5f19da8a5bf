import { EventLog, UnreadableExportLine, fileChainSource, storeChainSource, verifyChains, verifyStream, type ChainSource, type ChainedEvent, type ExportedChainedEvent, type VerificationReport } from '../../../../libs/audit/src/index.js';
import { single } from '../arguments.js';
import type { CliCommand } from '../commands.js';
import { Progress, consoleProgress } from '../progress.js';
import { noPositionals, noUnknownOptions, withRuntime } from './audit-options.js';

/**
 * concord audit verify [--file log.jsonl] [--stream ID] [--strict]
 *
 * Recomputes every stream's hash chain and every event's envelope hash, of the live store or
 * of an export, and exits 1 with the first bad event. An export filtered by date or stream prefix may start a stream in
 * mid-stream: its first exported event is then trusted as the anchor (its previousHash is
 * not checked against events the file does not hold), while every hash and every later link
 * still is. --strict refuses that: each stream must start at revision 0.
 */
export const auditVerifyCommand: CliCommand = {
  name: 'audit verify',
  usage: 'concord audit verify [--file log.jsonl] [--stream ID] [--strict]',
  flags: ['strict'],
  async run(args) {
    noPositionals(args, 'audit verify');
    noUnknownOptions(args, 'audit verify', ['file', 'stream']);
    const file = single(args, 'file');
    const streamId = single(args, 'stream');
    const start = file && !args.flags.has('strict') ? 'anchored' : 'genesis';
    const verify = async <E extends ChainedEvent>(source: ChainSource<E>, total: number | undefined) => {
      const progress = new Progress('verify', total);
      const options = { start, onEvent: () => progress.advance() } as const;
      const report = streamId ? await verifyStream(source, streamId, options) : await verifyChains(source, options);
      progress.finish(`${report.eventsChecked} events read`);
      return report;
    };
    try {
      const report = file
        ? await verify(fileChainSource(file), undefined)
        : await withRuntime(async (runtime) => {
            const log = new EventLog(runtime.store);
            return verify(storeChainSource(log), consoleProgress.isTTY && !streamId ? await log.count() : undefined);
          });
      if (streamId && report.eventsChecked === 0) {
        process.stderr.write(`concord: no event of stream ${streamId} in ${file ?? 'the event store'}\n`);
        return 1;
      }
      return print(report, file);
    } catch (error) {
      if (!(error instanceof UnreadableExportLine)) throw error;
      process.stdout.write(`INVALID: ${error.message}\n`);
      return 1;
    }
  },
};

function print(report: VerificationReport, file: string | undefined): number {
  const scope = `${report.streamsChecked} streams, ${report.eventsChecked} events`;
  if (report.valid) {
    process.stdout.write(`valid: ${scope}, every hash and link verified\n`);
    if (report.anchoredStreams > 0) {
      process.stdout.write(
        `note: ${report.anchoredStreams} streams start in mid-stream in ${file}; their first exported event was trusted as the anchor\n`,
      );
    }
    return 0;
  }
  process.stdout.write(`INVALID: ${report.brokenStreams.length} of ${scope} do not verify: ${report.brokenStreams.join(', ')}\n`);
  const broken = report.firstBreak;
  if (broken) {
    const { event } = broken;
    const line = (event as Partial<ExportedChainedEvent>).lineNumber;
    process.stdout.write(
      `first bad event: ${event.streamId} revision ${event.revision} (event ${event.id}, position ${event.position}` +
        `${line ? `, line ${line}` : ''}), type ${event.type}\n` +
        `kind: ${broken.kind}\n` +
        `reason: ${broken.reason}\n`,
    );
  }
  return 1;
}
