import type Database from 'better-sqlite3';
import { isAtOrAfter, type RecordedEvent } from '#event-store';
import type { DecodedEvent, EventCodec } from '#kernel';
import type { Projection } from './projection.js';
import { readCheckpoint, writeCheckpoint } from './read-model-database.js';

/**
 * Applies a batch to a read-model file: every projection's rows and the checkpoint commit in
 * one transaction, so each event takes effect exactly once, even across crashes. The file's
 * own checkpoint is read under the write lock, so two processes projecting into one file
 * (the API and `concord seed`) never apply an event twice nor move the checkpoint back.
 */
export class BatchApplier {
  private readonly purgingTypes: Set<string>;

  constructor(private readonly codec: EventCodec, private readonly projections: readonly Projection[]) {
    this.purgingTypes = new Set(projections.flatMap((projection) => projection.purgesOn ?? []));
  }

  async apply(db: Database.Database, events: RecordedEvent[]): Promise<DecodedEvent[]> {
    if (events.length === 0) return [];
    const decoded = await Promise.all(events.map((event) => this.codec.decode(event)));
    db.transaction(() => {
      const checkpoint = readCheckpoint(db);
      const fresh = decoded.filter((event) => !isAtOrAfter(checkpoint, event.recorded.position));
      for (const event of fresh) for (const projection of this.projections) projection.apply(db, event);
      if (fresh.length) writeCheckpoint(db, fresh[fresh.length - 1]!.recorded.position);
    }).immediate();
    if (decoded.some((event) => this.purgingTypes.has(event.type))) db.pragma('wal_checkpoint(TRUNCATE)');
    return decoded;
  }
}
