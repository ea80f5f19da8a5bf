import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RecordedEvent, StoredEvent } from '#event-store';
import {
  diagnoseStream,
  extendChain,
  type ChainBreak,
  type ChainStart,
  type ChainTip,
  type ChainedEvent,
} from '../domain/chain.js';
import { chainedEventOf, exportedEventOf, parseExportLine, type ExportedEvent } from '../domain/exported-event.js';
import type { EventLog } from '../read-model/event-log.js';

/** Where the events to verify come from: the live store or an export file. */
export interface ChainSource<E extends ChainedEvent = ChainedEvent> {
  /** Every event, in global order, a page at a time (one await per page, not per event). */
  pages(): AsyncIterable<E[]>;
  /** One stream's events, in revision order. */
  stream(streamId: string): Promise<E[]>;
}

export interface VerificationReport<E extends ChainedEvent = ChainedEvent> {
  valid: boolean;
  streamsChecked: number;
  eventsChecked: number;
  /** The earliest (in the global log) of the broken streams' first bad events. */
  firstBreak?: ChainBreak & { event: E };
  /** Every stream whose chain does not verify, in the order their breaks were met. */
  brokenStreams: string[];
  /** Streams that start in mid-stream in the source (anchored start only). */
  anchoredStreams: number;
}

export interface VerifyOptions {
  start?: ChainStart;
  /** Called once per event read, for progress. */
  onEvent?: () => void;
}

/**
 * Verifies every stream's hash chain in two passes. The first reads the log once in global
 * order keeping only each stream's tip, so memory grows with the number of streams, not of
 * events. Only a stream that breaks is read again, in revision order, to name its first bad
 * event precisely (an inserted event is only recognisable from the event after it).
 */
export async function verifyChains<E extends ChainedEvent>(
  source: ChainSource<E>,
  options: VerifyOptions = {},
): Promise<VerificationReport<E>> {
  const start = options.start ?? 'genesis';
  const tips = new Map<string, ChainTip | 'broken'>();
  const broken: string[] = [];
  let eventsChecked = 0;
  let anchoredStreams = 0;
  for await (const page of source.pages()) {
    for (const event of page) {
      eventsChecked += 1;
      options.onEvent?.();
      const tip = tips.get(event.streamId);
      if (tip === 'broken') continue;
      if (tip === undefined && event.revision > 0) anchoredStreams += 1;
      const extended = extendChain(tip, event, start);
      tips.set(event.streamId, extended ?? 'broken');
      if (!extended) broken.push(event.streamId);
    }
  }
  let firstBreak: (ChainBreak & { event: E }) | undefined;
  for (const streamId of broken) {
    const events = await source.stream(streamId);
    // An honest store only grows, so a break the second pass cannot find means the stream
    // was rewritten while it was being verified: report its last event.
    const found =
      (diagnoseStream(events, start) as (ChainBreak & { event: E }) | undefined) ??
      (events.length > 0 ? { event: events[events.length - 1]!, kind: 'reordered' as const, reason: 'the stream changed while it was verified' } : undefined);
    if (found && (!firstBreak || found.event.position < firstBreak.event.position)) firstBreak = found;
  }
  return {
    valid: broken.length === 0,
    streamsChecked: tips.size,
    eventsChecked,
    firstBreak,
    brokenStreams: broken,
    anchoredStreams: start === 'anchored' ? anchoredStreams : 0,
  };
}

/** Verifies one stream. */
export async function verifyStream<E extends ChainedEvent>(
  source: ChainSource<E>,
  streamId: string,
  options: VerifyOptions = {},
): Promise<VerificationReport<E>> {
  const events = await source.stream(streamId);
  for (const _event of events) options.onEvent?.();
  const found = diagnoseStream(events, options.start ?? 'genesis') as (ChainBreak & { event: E }) | undefined;
  return {
    valid: !found,
    streamsChecked: events.length > 0 ? 1 : 0,
    eventsChecked: events.length,
    firstBreak: found,
    brokenStreams: found ? [streamId] : [],
    anchoredStreams: 0,
  };
}

/** A stored event with what the chain covers of it. */
export type StoredChainedEvent = ChainedEvent & { recorded: RecordedEvent };

/**
 * The live store, read through the port: in global order as stored text when the store can read
 * it so (each event's data then parsed only if its text does not hash as it stands), else parsed.
 */
export function storeChainSource(log: EventLog): ChainSource<StoredChainedEvent> {
  const chained = (recorded: RecordedEvent): StoredChainedEvent => ({ ...chainedEventOf(recorded), recorded });
  return {
    async *pages() {
      const stored = log.storedPages();
      if (stored) {
        for await (const page of stored) yield page.map((event) => new StoredChainLink(event));
        return;
      }
      for await (const page of log.pages()) yield page.map(chained);
    },
    async stream(streamId) {
      return (await log.stream(streamId)).map(chained);
    },
  };
}

/** A stored event read as text: its envelope parsed, its data kept as text until asked for. */
class StoredChainLink implements StoredChainedEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: string;
  readonly type: string;
  readonly previousHash: string | undefined;
  readonly hash: string | undefined;
  readonly envelope: Record<string, unknown>;
  readonly storedData: string;
  private parsed?: { data: unknown };

  constructor(private readonly stored: StoredEvent) {
    const envelope = JSON.parse(stored.metadata) as Record<string, unknown>;
    ({ id: this.id, streamId: this.streamId, revision: this.revision, position: this.position, type: this.type, previousHash: this.previousHash, hash: this.hash } =
      chainedEventOf({ ...stored, data: undefined, metadata: envelope }));
    this.envelope = envelope;
    this.storedData = stored.data;
  }

  get data(): unknown {
    return (this.parsed ??= { data: JSON.parse(this.stored.data) }).data;
  }

  get recorded(): RecordedEvent {
    return { ...this.stored, data: this.data, metadata: this.envelope };
  }
}

/** An exported event with the line it was read from. */
export type ExportedChainedEvent = ChainedEvent & { exported: ExportedEvent; lineNumber: number };

/**
 * An export file (`concord audit export`). Read line by line; a stream that breaks is read
 * again from the file, so nothing but the streams' tips is held in memory.
 */
export function fileChainSource(file: string): ChainSource<ExportedChainedEvent> {
  async function* pages(): AsyncIterable<ExportedChainedEvent[]> {
    for await (const page of fileRecords(file)()) {
      yield page.map((exported) => ({ ...chainedEventOf(exported), exported, lineNumber: exported.lineNumber }));
    }
  }
  return {
    pages,
    async stream(streamId) {
      const events: ExportedChainedEvent[] = [];
      for await (const page of pages()) for (const event of page) if (event.streamId === streamId) events.push(event);
      // Stable: two lines claiming one revision stay in file order, and are reported as such.
      return events.sort((a, b) => a.revision - b.revision);
    },
  };
}

/** The records of an export file, each with its line number, in file order, in pages: what the Merkle log rebuilds from. */
export function fileRecords(file: string, pageSize = 1000): () => AsyncIterable<(ExportedEvent & { lineNumber: number })[]> {
  return async function* records() {
    const reader = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let lineNumber = 0;
    let page: (ExportedEvent & { lineNumber: number })[] = [];
    for await (const line of reader) {
      lineNumber += 1;
      if (!line.trim()) continue;
      // The parsed line as it is, so its leaf is the line's own canonical JSON; the line number rides alongside.
      page.push(Object.defineProperty(parseExportLine(line, lineNumber), 'lineNumber', { value: lineNumber, enumerable: false }) as ExportedEvent & { lineNumber: number });
      if (page.length === pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  };
}

/** The records of the live store, as `concord audit export` prints them, in pages. */
export function storeRecords(log: EventLog): () => AsyncIterable<ExportedEvent[]> {
  return async function* records() {
    for await (const page of log.pages()) yield page.map(exportedEventOf);
  };
}
