import { isAtOrAfter, type EventStore, type Position, type ReadAllOptions, type RecordedEvent, type StoredEvent } from '#event-store';
import { matchesAuditFilter, type AuditFilter } from '../domain/audit-filter.js';

/**
 * The audit context's read model is the event store itself, read through the port: there is
 * no copy that could drift from what was recorded, and it works the same on SQLite and on
 * EventStoreDB.
 */
export interface EventLogOptions {
  /**
   * Most events one search reads. A filter that matches little would otherwise read the
   * whole log in one request; past this bound the page ends early, with hasNextPage and a
   * cursor where the scan stopped, and the client continues from there.
   */
  scanLimit?: number;
  /** Events per read of the store. */
  pageSize?: number;
}

export const DEFAULT_SCAN_LIMIT = 10_000;

export interface HistoryPage {
  events: RecordedEvent[];
  hasNextPage: boolean;
}

export interface SearchPage {
  events: RecordedEvent[];
  hasNextPage: boolean;
  /** Where the next page starts: after the last event returned, or further on when the scan skipped events that did not match. */
  resumeAfter: Position | undefined;
}

export class EventLog {
  private readonly scanLimit: number;
  private readonly pageSize: number;

  constructor(readonly store: EventStore, options: EventLogOptions = {}) {
    this.scanLimit = options.scanLimit ?? DEFAULT_SCAN_LIMIT;
    this.pageSize = options.pageSize ?? 500;
  }

  /** Up to `first` events of one stream after `afterRevision`, in revision order. */
  async history(streamId: string, page: { afterRevision?: number; first: number }): Promise<HistoryPage> {
    const events = await this.readStream(streamId, { fromRevision: (page.afterRevision ?? -1) + 1, maxCount: page.first + 1 });
    return { events: events.slice(0, page.first), hasNextPage: events.length > page.first };
  }

  /** Every event of one stream, in revision order; none when the stream does not exist. */
  stream(streamId: string): Promise<RecordedEvent[]> {
    return this.readStream(streamId);
  }

  /** Up to `first` matching events after `afterPosition`, in global order, reading at most the scan limit. */
  async search(filter: AuditFilter, page: { afterPosition?: Position; first: number }): Promise<SearchPage> {
    const found: RecordedEvent[] = [];
    let cursor = page.afterPosition;
    let scanned = 0;
    for (;;) {
      const budget = this.scanLimit - scanned;
      if (budget <= 0) return { events: found, hasNextPage: true, resumeAfter: cursor };
      const maxCount = Math.min(this.pageSize, budget);
      const batch = await this.store.readAll({ fromPosition: cursor, maxCount });
      for (const event of batch) {
        if (matchesAuditFilter(event, filter)) {
          // One match more than asked for: there is a next page, and it starts right here.
          if (found.length === page.first) return { events: found, hasNextPage: true, resumeAfter: cursor };
          found.push(event);
        }
        cursor = event.position;
        scanned += 1;
      }
      if (batch.length < maxCount) return { events: found, hasNextPage: false, resumeAfter: cursor };
    }
  }

  /**
   * Every matching event in global order, page by page, up to the head as it was when the
   * scan began: an export is a snapshot even while commands keep recording.
   */
  async *scan(filter: AuditFilter = {}): AsyncIterable<RecordedEvent> {
    for await (const page of this.pages()) {
      for (const event of page) if (matchesAuditFilter(event, filter)) yield event;
    }
  }

  /** The whole log page by page, up to the head as it was when the scan began: for passes over every event. */
  pages(): AsyncIterable<RecordedEvent[]> {
    return this.pagesOf((options) => this.store.readAll(options));
  }

  /** The same pages undecoded, as the store recorded them, when the store can read them so. */
  storedPages(): AsyncIterable<StoredEvent[]> | undefined {
    const { store } = this;
    return store.readAllStored ? this.pagesOf((options) => store.readAllStored!(options)) : undefined;
  }

  private async *pagesOf<E extends { position: Position }>(read: (options: ReadAllOptions) => Promise<E[]>): AsyncIterable<E[]> {
    const head = await this.store.headPosition();
    if (head === undefined) return;
    let cursor: Position | undefined;
    for (;;) {
      const batch = await read({ fromPosition: cursor, maxCount: this.pageSize });
      const upToHead = batch.length > 0 && !isAtOrAfter(head, batch[batch.length - 1]!.position) ? batch.filter((event) => isAtOrAfter(head, event.position)) : batch;
      if (upToHead.length > 0) yield upToHead;
      if (upToHead.length < this.pageSize) return;
      cursor = upToHead[upToHead.length - 1]!.position;
    }
  }

  /** How many events a scan would give; a progress bar's total. */
  async count(filter: AuditFilter = {}): Promise<number> {
    let count = 0;
    for await (const _event of this.scan(filter)) count += 1;
    return count;
  }

  private readStream(streamId: string, options: { fromRevision?: number; maxCount?: number } = {}): Promise<RecordedEvent[]> {
    return this.store.readStream(streamId, options);
  }
}
