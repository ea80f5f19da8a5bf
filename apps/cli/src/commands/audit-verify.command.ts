import { readFileSync } from 'node:fs';
import {
  EventLog,
  UnreadableExportLine,
  fileChainSource,
  fileRecords,
  loadSigningKey,
  parseCheckpoint,
  publicKeyFromPem,
  storeChainSource,
  verifyAgainstCheckpoint,
  verifyStoreAgainstCheckpoint,
  verifyChains,
  verifyStream,
  type ChainSource,
  type ChainedEvent,
  type CheckpointVerification,
  type ExportedChainedEvent,
  type LogRecords,
  type VerificationReport,
} from '#audit';
import { loadConfig } from '#runtime';
import { UsageError, single } from '../arguments.js';
import type { CliCommand } from '../cli-command.js';
import { Progress, consoleProgress } from '../progress.js';
import { withRuntime } from './audit-options.js';

/**
 * concord audit verify [--file log.jsonl] [--stream ID] [--strict] [--checkpoint FILE [--public-key FILE]]
 *
 * Recomputes every stream's hash chain and every event's envelope hash, of the live store or
 * of an export, and exits 1 with the first bad event. An export filtered by date or stream prefix may start a stream in
 * mid-stream: its first exported event is then trusted as the anchor (its previousHash is
 * not checked against events the file does not hold), while every hash and every later link
 * still is. --strict refuses that: each stream must start at revision 0.
 *
 * --checkpoint also rebuilds the Merkle tree of the whole log (a complete export with --file)
 * and checks it against a checkpoint kept earlier: its signature (by --public-key, or the
 * configured signing key's), that the log at its size has exactly its root, and that the log
 * now extends it. The first event from which the log no longer matches is named.
 */
export const auditVerifyCommand: CliCommand = {
  name: 'audit verify',
  usage: 'concord audit verify [--file log.jsonl] [--stream ID] [--strict] [--checkpoint checkpoint.json [--public-key key.pem]]',
  flags: ['strict'],
  options: ['file', 'stream', 'checkpoint', 'public-key'],
  async run(args) {
    const file = single(args, 'file');
    const streamId = single(args, 'stream');
    const checkpointFile = single(args, 'checkpoint');
    const publicKeyFile = single(args, 'public-key');
    if (checkpointFile && streamId) throw new UsageError('--checkpoint covers the whole log: it cannot be combined with --stream');
    if (publicKeyFile && !checkpointFile) throw new UsageError('--public-key verifies a --checkpoint');
    const kept = checkpointFile ? keptCheckpoint(checkpointFile, publicKeyFile) : undefined;
    const start = file && !args.flags.has('strict') && !kept ? 'anchored' : 'genesis';
    const verify = async <E extends ChainedEvent>(source: ChainSource<E>, total: number | undefined) => {
      const progress = new Progress('verify', total);
      const options = { start, onEvent: () => progress.advance() } as const;
      const report = streamId ? await verifyStream(source, streamId, options) : await verifyChains(source, options);
      progress.finish(`${report.eventsChecked} events read`);
      return report;
    };
    const againstCheckpoint = async (records: LogRecords | EventLog, total: number | undefined) => {
      if (!kept) return undefined;
      const progress = new Progress('merkle', total);
      const options = { onEvent: () => progress.advance(), onRestart: () => progress.restart() };
      const result =
        records instanceof EventLog
          ? await verifyStoreAgainstCheckpoint(records, kept.checkpoint, kept.publicKey, options)
          : await verifyAgainstCheckpoint(records, kept.checkpoint, kept.publicKey, options);
      progress.finish(`${result.logSize} leaves rebuilt`);
      return result;
    };
    try {
      const { report, merkle } = file
        ? { report: await verify(fileChainSource(file), undefined), merkle: await againstCheckpoint(fileRecords(file), undefined) }
        : await withRuntime(async (runtime) => {
            const log = new EventLog(runtime.store);
            const total = consoleProgress.isTTY && !streamId ? await log.count() : undefined;
            return { report: await verify(storeChainSource(log), total), merkle: await againstCheckpoint(log, total) };
          });
      if (streamId && report.eventsChecked === 0) {
        process.stderr.write(`concord: no event of stream ${streamId} in ${file ?? 'the event store'}\n`);
        return 1;
      }
      const merkleCode = merkle ? printCheckpoint(merkle, report) : 0;
      return Math.max(merkleCode, print(report, file));
    } catch (error) {
      if (!(error instanceof UnreadableExportLine)) throw error;
      process.stdout.write(`INVALID: ${error.message}\n`);
      return 1;
    }
  },
};

function keptCheckpoint(checkpointFile: string, publicKeyFile: string | undefined) {
  const read = (path: string, what: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read the ${what} ${path}: ${(error as Error).message}`);
    }
  };
  let checkpoint;
  try {
    checkpoint = parseCheckpoint(read(checkpointFile, 'checkpoint'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${checkpointFile}: ${(error as Error).message}`);
  }
  const publicKey = publicKeyFile ? publicKeyFromPem(read(publicKeyFile, 'public key')) : loadSigningKey(loadConfig().audit.signingKey).publicKey;
  return { checkpoint, publicKey };
}

function printCheckpoint(result: CheckpointVerification, chains: VerificationReport): number {
  const { checkpoint } = result;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `checkpoint: ${checkpoint.treeSize} events, root ${checkpoint.rootHash}, issued ${checkpoint.issuedAt}; ` +
      `signature ${result.signatureValid ? 'valid' : 'INVALID'}; log ${result.logIdMatches ? 'matches the public key' : 'is NOT the log of this public key'}`,
  );
  if (result.unsigned > 0) out(`note: ${result.unsigned} checkpoints recorded in the log are not signed by this key and vouch for nothing`);
  for (const problem of result.problems) out(`recorded checkpoint: ${problem}`);
  if (result.valid) {
    out(
      `valid: the log of ${result.logSize} events extends the checkpoint; ${result.recordedCheckpoints} checkpoints recorded in the log agree ` +
        `(${result.vouchedLeaves} leaves vouched for)`,
    );
    return 0;
  }
  out(
    result.extendsCheckpoint
      ? `INVALID: the log extends the checkpoint, but not the checkpoints recorded in it`
      : `INVALID: the log of ${result.logSize} events does not have the checkpoint's root at ${checkpoint.treeSize} events`,
  );
  const mismatch = result.firstMismatch;
  const chainBreak = chains.firstBreak?.event as Partial<ExportedChainedEvent> | undefined;
  // The per-stream checks may name an earlier event than the tree: name whichever comes first in the log.
  if (chainBreak && (!mismatch?.event || chainBreak.position! < mismatch.event.position)) {
    out(
      `first event from which the log no longer matches: position ${chainBreak.position}, stream ${chainBreak.streamId}, revision ${chainBreak.revision} ` +
        `(event ${chainBreak.id}${chainBreak.lineNumber ? `, line ${chainBreak.lineNumber}` : ''}), type ${chainBreak.type}`,
    );
    out(`reason: ${chains.firstBreak!.reason}`);
  } else if (mismatch) {
    const event = mismatch.event;
    out(
      event
        ? `first event from which the log no longer matches: leaf ${mismatch.leafIndex}, position ${event.position}, stream ${event.streamId}, ` +
            `revision ${event.revision} (event ${event.id}${event.lineNumber ? `, line ${event.lineNumber}` : ''}), type ${event.type}`
        : `first event from which the log no longer matches: leaf ${mismatch.leafIndex}, past the end of the log`,
    );
    out(`reason: ${mismatch.reason}`);
  }
  return 1;
}

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
