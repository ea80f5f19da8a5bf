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
    const decoded = await this.decode(events);
    db.transaction(() => this.project(db, decoded)).immediate();
    if (decoded.some((event) => this.purgingTypes.has(event.type))) db.pragma('wal_checkpoint(TRUNCATE)');
    return decoded;
  }

  /**
   * `apply` inside the transaction the caller holds open on `db`, which a bulk load does around
   * all its batches (see openForBulkLoad): no transaction or savepoint of the batch's own, since
   * a savepoint would copy every page the batch touches into the rollback journal. A batch that
   * fails is then undone only with the caller's whole transaction, which a bulk load throws away.
   * Nothing to purge: a file being loaded has no WAL, and nobody else reads it.
   */
  async applyInOpenTransaction(db: Database.Database, events: RecordedEvent[]): Promise<void> {
    if (!db.inTransaction) throw new Error('applyInOpenTransaction needs a transaction open on the read-model file');
    if (events.length > 0) this.project(db, await this.decode(events));
  }

  private decode(events: RecordedEvent[]): Promise<DecodedEvent[]> {
    return Promise.all(events.map((event) => this.codec.decode(event)));
  }

  private project(db: Database.Database, decoded: DecodedEvent[]): void {
    const checkpoint = readCheckpoint(db);
    const fresh = decoded.filter((event) => !isAtOrAfter(checkpoint, event.recorded.position));
    for (const event of fresh) for (const projection of this.projections) projection.apply(db, event);
    if (fresh.length) writeCheckpoint(db, fresh[fresh.length - 1]!.recorded.position);
  }
}
