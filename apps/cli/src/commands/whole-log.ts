import { EventLog } from '#audit';
import { CONTEXTS, type ConcordRuntime } from '#runtime';
import { Progress, consoleProgress } from '../progress.js';

/**
 * What projecting the whole log from zero reads (the store and every context's projections),
 * with a bar that counts its events: counting reads the log once more, so only when someone watches.
 */
export async function wholeLog(runtime: ConcordRuntime, label: string) {
  const progress = new Progress(label, consoleProgress.isTTY ? await new EventLog(runtime.store).count() : undefined);
  return {
    progress,
    source: { store: runtime.store, codec: runtime.codec, projections: CONTEXTS.flatMap((context) => context.projections) },
    options: { onBatch: (events: number) => progress.advance(events) },
  };
}
