import type Database from 'better-sqlite3';
import { prepared, projectionOf, type Projected } from '#projections';
import type { NeedEvent } from '#needs';
import type { OrganisationEvent } from '#network';
import type { BuyerGroupEvent } from '../domain/buyer-group.js';
import { needsReleasedBy } from '../domain/need-pooling.js';

type Event = BuyerGroupEvent | Extract<NeedEvent, { type: 'NeedPooled' | 'NeedReleased' }> | Extract<OrganisationEvent, { type: 'OrganisationLeftNetwork' }>;

/**
 * Changes spanning several streams whose later steps the log does not show yet: a need pooled
 * for a group event that is not (yet) recorded, a need a group gave back that its own stream
 * still holds, an organisation that left the network and is still a member of groups. The
 * recovery of unfinished changes reads these rows to know where to look; it acts on the
 * streams themselves.
 */
export const unfinishedChangesProjection = projectionOf<Event>({
  name: 'unfinished-changes',
  schema: `
    CREATE TABLE IF NOT EXISTS unfinished_poolings (
      need_id TEXT NOT NULL,
      buyer_group_id TEXT NOT NULL,
      pooling_event_id TEXT NOT NULL,
      pooled_event_id TEXT NOT NULL,
      pooled_at TEXT NOT NULL,
      PRIMARY KEY (need_id, pooling_event_id)
    ) STRICT;
    CREATE INDEX IF NOT EXISTS unfinished_poolings_by_event ON unfinished_poolings (pooling_event_id);
    CREATE TABLE IF NOT EXISTS unfinished_releases (
      need_id TEXT NOT NULL,
      buyer_group_id TEXT NOT NULL,
      reason TEXT NOT NULL,
      cause_event_id TEXT NOT NULL,
      PRIMARY KEY (need_id, buyer_group_id)
    ) STRICT;
    CREATE TABLE IF NOT EXISTS departed_organisations (
      organisation_id TEXT PRIMARY KEY,
      left_event_id TEXT NOT NULL
    ) STRICT;
  `,
  on: {
    NeedPooled: (db, { data, recorded, recordedAt }) => {
      prepared(
        db,
        `INSERT OR IGNORE INTO unfinished_poolings (need_id, buyer_group_id, pooling_event_id, pooled_event_id, pooled_at) VALUES (?, ?, ?, ?, ?)`,
      ).run(data.needId, data.buyerGroupId, data.poolingEventId, recorded.id, recordedAt);
    },
    NeedReleased: (db, { data }) => {
      prepared(db, `DELETE FROM unfinished_poolings WHERE need_id = ?`).run(data.needId);
      prepared(db, `DELETE FROM unfinished_releases WHERE need_id = ? AND buyer_group_id = ?`).run(data.needId, data.buyerGroupId);
    },
    BuyerGroupProposed: (db, event) => finishPooling(db, event),
    OrganisationJoinedBuyerGroup: (db, event) => finishPooling(db, event),
    OrganisationLeftBuyerGroup: (db, event) => owesRelease(db, event),
    BuyerGroupDissolved: (db, event) => owesRelease(db, event),
    OrganisationLeftNetwork: (db, { data, recorded }) => {
      prepared(db, `INSERT OR REPLACE INTO departed_organisations (organisation_id, left_event_id) VALUES (?, ?)`).run(data.organisationId, recorded.id);
    },
    LeadProcurerDesignated: 'ignored',
    ProcurementModelChosen: 'ignored',
    AgreementDrafted: 'ignored',
    AgreementSigned: 'ignored',
    AgreementSignaturesVoided: 'ignored',
    AgreementConcluded: 'ignored',
    ProcedureLaunched: 'ignored',
    ContractAwarded: 'ignored',
    ContractModified: 'ignored',
  },
});

function finishPooling(db: Database.Database, { recorded }: Projected<BuyerGroupEvent>): void {
  prepared(db, `DELETE FROM unfinished_poolings WHERE pooling_event_id = ?`).run(recorded.id);
}

function owesRelease(db: Database.Database, event: Projected<BuyerGroupEvent>): void {
  const released = needsReleasedBy(event);
  if (!released) return;
  const insert = prepared(db, `INSERT OR REPLACE INTO unfinished_releases (need_id, buyer_group_id, reason, cause_event_id) VALUES (?, ?, ?, ?)`);
  for (const needId of released.needIds) insert.run(needId, released.buyerGroupId, released.reason, event.recorded.id);
}

export interface UnfinishedPoolingRow {
  need_id: string;
  buyer_group_id: string;
  pooling_event_id: string;
  pooled_event_id: string;
  pooled_at: string;
}

export interface UnfinishedReleaseRow {
  need_id: string;
  buyer_group_id: string;
  reason: 'MEMBER_LEFT' | 'GROUP_DISSOLVED';
  cause_event_id: string;
}

export interface DepartureRow {
  organisation_id: string;
  left_event_id: string;
  buyer_group_id: string;
}

/** What the recovery looks at, oldest first. */
export class UnfinishedChangesQueries {
  constructor(private readonly db: () => Database.Database) {}

  poolingsBefore(instant: string): UnfinishedPoolingRow[] {
    return prepared(this.db(), `SELECT * FROM unfinished_poolings WHERE pooled_at <= ? ORDER BY pooled_at`).all(instant) as UnfinishedPoolingRow[];
  }

  releases(): UnfinishedReleaseRow[] {
    return prepared(this.db(), `SELECT * FROM unfinished_releases`).all() as UnfinishedReleaseRow[];
  }

  /** Organisations that left the network and are still members of a group that is not dissolved. */
  departures(): DepartureRow[] {
    return prepared(
      this.db(),
      `SELECT d.organisation_id, d.left_event_id, m.buyer_group_id FROM departed_organisations d
         JOIN buyer_group_members m ON m.organisation_id = d.organisation_id
         JOIN buyer_groups g ON g.id = m.buyer_group_id AND g.status <> 'DISSOLVED'`,
    ).all() as DepartureRow[];
  }
}
