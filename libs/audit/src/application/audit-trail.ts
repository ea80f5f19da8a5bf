import type { EventStore, Position } from '#event-store';
import { BadUserInput, NotFound, type Actor, type EventCodec } from '#kernel';
import { MAX_PAGE_SIZE, decodeCursor, encodeCursor, requireAuditor } from '#graphql';
import type { AuditFilter } from '../domain/audit-filter.js';
import type { ChainBreakKind } from '../domain/chain.js';
import { EventLog, type EventLogOptions } from '../read-model/event-log.js';
import { auditEventView, type AuditEventView } from './audit-event-view.js';
import { storeChainSource, verifyChains, verifyStream } from './verification.js';

export interface AuditPage {
  edges: { cursor: string; node: AuditEventView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface AuditVerificationView {
  valid: boolean;
  streamsChecked: number;
  eventsChecked: number;
  firstInvalidEvent: AuditEventView | null;
  reason: string | null;
  kind: ChainBreakKind | null;
  brokenStreams: string[];
}

const HISTORY = 'h';
const LOG = 'l';

/** What auditors ask of the event log. Every entry point checks the AUDITOR or ADMIN role. */
export class AuditTrail {
  readonly log: EventLog;

  constructor(store: EventStore, private readonly codec: EventCodec, options: EventLogOptions = {}) {
    this.log = new EventLog(store, options);
  }

  async streamHistory(actor: Actor, streamId: string, page: { first?: number | null; after?: string | null }): Promise<AuditPage> {
    requireAuditor(actor, 'read the history of a stream');
    const id = streamIdOf(streamId);
    const first = pageSize(page.first, 100);
    const afterRevision = page.after ? cursorValue(page.after, HISTORY, isRevision) : undefined;
    const { events, hasNextPage } = await this.log.history(id, { afterRevision, first });
    const edges = await Promise.all(
      events.map(async (event) => ({ cursor: encodeCursor([HISTORY, event.revision]), node: await auditEventView(this.codec, event, actor) })),
    );
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? page.after ?? null } };
  }

  async auditLog(actor: Actor, filter: AuditFilter, page: { first?: number | null; after?: string | null }): Promise<AuditPage> {
    requireAuditor(actor, 'read the audit log');
    const first = pageSize(page.first, 100);
    const afterPosition = page.after ? cursorValue(page.after, LOG, isPosition) : undefined;
    const found = await this.log.search(filter, { afterPosition, first }).catch((error: unknown) => {
      // A cursor we issued always holds a position the store understands; a forged one may not.
      if (afterPosition !== undefined && error instanceof RangeError) throw new BadUserInput('after', 'is not a cursor of this list');
      throw error;
    });
    const edges = await Promise.all(
      found.events.map(async (event) => ({ cursor: encodeCursor([LOG, event.position]), node: await auditEventView(this.codec, event, actor) })),
    );
    const endCursor = found.resumeAfter !== undefined ? encodeCursor([LOG, found.resumeAfter]) : (page.after ?? null);
    return { edges, pageInfo: { hasNextPage: found.hasNextPage, endCursor } };
  }

  /**
   * Recomputes the hash chains of one stream, or of every stream. A named stream without any
   * event is NOT_FOUND: "valid, 0 streams checked" would read as a clean bill for a typo.
   */
  async verify(actor: Actor, streamId?: string | null): Promise<AuditVerificationView> {
    requireAuditor(actor, 'verify the audit trail');
    const source = storeChainSource(this.log);
    const report = streamId ? await verifyStream(source, streamIdOf(streamId)) : await verifyChains(source);
    if (streamId && report.eventsChecked === 0) throw new NotFound('stream', streamId);
    const broken = report.firstBreak;
    return {
      valid: report.valid,
      streamsChecked: report.streamsChecked,
      eventsChecked: report.eventsChecked,
      firstInvalidEvent: broken ? await auditEventView(this.codec, broken.event.recorded, actor) : null,
      reason: broken?.reason ?? (report.valid ? null : 'a stream changed while it was verified'),
      kind: broken?.kind ?? null,
      brokenStreams: report.brokenStreams,
    };
  }

  /** Checks the right to follow the log live, before any event is sent. */
  authorizeFollowing(actor: Actor): void {
    requireAuditor(actor, 'follow the audit log');
  }

  view(event: Parameters<typeof auditEventView>[1], reader: Actor): Promise<AuditEventView> {
    return auditEventView(this.codec, event, reader);
  }
}

/** Checks an auditor's filter: dates in order, named types. */
export function auditFilter(input: AuditFilter | null | undefined): AuditFilter {
  if (!input) return {};
  if (input.types && input.types.length === 0) throw new BadUserInput('filter.types', 'must name at least one event type when given');
  for (const [field, date] of [['filter.from', input.from], ['filter.to', input.to]] as const) {
    if (date && Number.isNaN(date.getTime())) throw new BadUserInput(field, 'must be a date and time');
  }
  if (input.from && input.to && input.to.getTime() <= input.from.getTime()) {
    throw new BadUserInput('filter.to', 'must be after filter.from (from is inclusive, to exclusive)');
  }
  return {
    streamPrefix: input.streamPrefix || null,
    types: input.types ?? null,
    subject: input.subject ?? null,
    correlationId: input.correlationId ?? null,
    from: input.from ?? null,
    to: input.to ?? null,
  };
}

function streamIdOf(value: string): string {
  if (!value || value.length > 500) throw new BadUserInput('streamId', 'must be 1 to 500 characters');
  return value;
}

function pageSize(first: number | null | undefined, fallback: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) throw new BadUserInput('first', `must be between 0 and ${MAX_PAGE_SIZE}`);
  return size;
}

function cursorValue<T>(after: string, kind: string, valid: (value: unknown) => value is T): T {
  const [tag, value] = decodeCursor(after);
  if (tag !== kind || !valid(value)) throw new BadUserInput('after', 'is not a cursor of this list');
  return value;
}

const isRevision = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isPosition = (value: unknown): value is Position => typeof value === 'string' && value.length > 0;
