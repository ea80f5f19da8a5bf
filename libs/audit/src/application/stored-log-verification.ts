import type { KeyObject } from 'node:crypto';
import type { StoredEvent } from '#event-store';
import type { SignedCheckpoint } from '../domain/checkpoint.js';
import { storedLeafHash } from '../domain/leaf.js';
import type { EventLog } from '../read-model/event-log.js';
import { verifyAgainstCheckpoint, type CheckpointVerification, type LogRecord, type LogRecords } from './log-verification.js';
import { storeRecords } from './verification.js';

/**
 * The records of the live store hashed as stored, decoded only when read (checkpoints are);
 * undefined when the store cannot read its events undecoded.
 */
export function storedRecords(log: EventLog): LogRecords | undefined {
  if (!log.storedPages()) return undefined;
  return async function* records() {
    for await (const page of log.storedPages()!) yield page.map((event) => new StoredRecord(event));
  };
}

class StoredRecord implements LogRecord {
  readonly streamId: string;
  readonly revision: number;
  readonly position: string;
  readonly id: string;
  readonly type: string;
  readonly recordedAt: string;
  readonly leaf: Buffer;
  private decoded?: { data: unknown; metadata: Record<string, unknown> };

  constructor(private readonly stored: StoredEvent) {
    ({ streamId: this.streamId, revision: this.revision, position: this.position, id: this.id, type: this.type, recordedAt: this.recordedAt } = stored);
    this.leaf = storedLeafHash(stored);
  }

  get data(): unknown {
    return this.decode().data;
  }

  get metadata(): Record<string, unknown> {
    return this.decode().metadata;
  }

  private decode() {
    return (this.decoded ??= { data: JSON.parse(this.stored.data), metadata: JSON.parse(this.stored.metadata) });
  }
}

/**
 * `verifyAgainstCheckpoint` over the live store. The store's text is hashed unparsed first, which
 * is several times faster; a log that holds is then proven by the signed hashes alone. Anything
 * short of valid is answered from the parsed events, so that text that differs only in form
 * (not canonical, from before the store wrote it so) is judged by what it says, as the export is.
 */
export async function verifyStoreAgainstCheckpoint(
  log: EventLog,
  checkpoint: SignedCheckpoint,
  publicKey: KeyObject,
  options: { onEvent?: () => void; onRestart?: () => void } = {},
): Promise<CheckpointVerification> {
  const stored = storedRecords(log);
  if (stored) {
    const fast = await verifyAgainstCheckpoint(stored, checkpoint, publicKey, options);
    if (fast.valid) return fast;
    options.onRestart?.();
  }
  return verifyAgainstCheckpoint(storeRecords(log), checkpoint, publicKey, options);
}
