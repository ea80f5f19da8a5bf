import type { RecordedEvent } from '#event-store';
import { envelopeOf } from '#kernel';
import type { ChainedEvent } from './chain.js';

/**
 * One line of `concord audit export`: the event exactly as stored, envelope included, so the
 * hash chain can be verified offline from the file alone. Personal data stays sealed: the
 * chain covers the sealed form, and an export must not re-identify an erased member.
 */
export interface ExportedEvent {
  streamId: string;
  revision: number;
  position: string;
  id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: string;
}

// Keys in canonical (sorted) order: the leaf of every event is written straight by JSON.stringify.
export function exportedEventOf(event: RecordedEvent): ExportedEvent {
  return {
    data: event.data,
    id: event.id,
    metadata: event.metadata,
    position: event.position,
    recordedAt: event.recordedAt,
    revision: event.revision,
    streamId: event.streamId,
    type: event.type,
  };
}

/** A line of an export that is not an exported event. */
export class UnreadableExportLine extends Error {
  constructor(readonly lineNumber: number, why: string) {
    super(`line ${lineNumber} is not an exported event: ${why}`);
    this.name = 'UnreadableExportLine';
  }
}

/** Parses and checks one export line; blank lines are skipped by the caller. */
export function parseExportLine(line: string, lineNumber: number): ExportedEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new UnreadableExportLine(lineNumber, (error as Error).message);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UnreadableExportLine(lineNumber, 'not a JSON object');
  const event = value as Record<string, unknown>;
  for (const field of ['streamId', 'position', 'id', 'type', 'recordedAt'] as const) {
    if (typeof event[field] !== 'string') throw new UnreadableExportLine(lineNumber, `${field} must be a string`);
  }
  if (!Number.isInteger(event['revision']) || (event['revision'] as number) < 0) {
    throw new UnreadableExportLine(lineNumber, 'revision must be a non-negative integer');
  }
  if (!('data' in event)) throw new UnreadableExportLine(lineNumber, 'data is missing');
  if (typeof event['metadata'] !== 'object' || event['metadata'] === null) {
    throw new UnreadableExportLine(lineNumber, 'metadata must be an object');
  }
  return event as unknown as ExportedEvent;
}

/** The part of a stored or exported event that its hash chain and envelope hash cover. */
export function chainedEventOf(event: RecordedEvent | ExportedEvent): ChainedEvent {
  const previousHash = event.metadata['previousHash'];
  return {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    type: event.type,
    data: event.data,
    previousHash: typeof previousHash === 'string' ? previousHash : undefined,
    hash: envelopeOf(event.metadata)?.hash,
    envelope: event.metadata,
  };
}
