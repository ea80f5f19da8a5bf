import type Database from 'better-sqlite3';
import { projectionOf, type Projected, prepared } from '#projections';
import { evolve, type BuyerGroup, type BuyerGroupEvent } from '../domain/buyer-group.js';

/**
 * Each group is stored as the state the decider's own `evolve` folds, so the read model can
 * never disagree with the write side about status, signatures or membership. The columns
 * beside it exist for filtering and ordering; `buyer_group_members` answers "groups of an
 * organisation / of a country".
 */
export const buyerGroupsProjection = projectionOf<BuyerGroupEvent>({
  name: 'buyer-groups',
  schema: `
    CREATE TABLE IF NOT EXISTS buyer_groups (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      cpv_code TEXT NOT NULL,
      status TEXT NOT NULL,
      proposed_at TEXT NOT NULL,
      state TEXT NOT NULL,
      version INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS buyer_groups_by_proposal ON buyer_groups (proposed_at, id);
    CREATE INDEX IF NOT EXISTS buyer_groups_by_status ON buyer_groups (status, proposed_at, id);
    CREATE TABLE IF NOT EXISTS buyer_group_members (
      buyer_group_id TEXT NOT NULL,
      organisation_id TEXT NOT NULL,
      country TEXT NOT NULL,
      PRIMARY KEY (buyer_group_id, organisation_id)
    ) STRICT;
    CREATE INDEX IF NOT EXISTS buyer_group_members_by_organisation ON buyer_group_members (organisation_id, buyer_group_id);
    CREATE INDEX IF NOT EXISTS buyer_group_members_by_country ON buyer_group_members (country, buyer_group_id);
  `,

  on: {
    BuyerGroupProposed: storeFolded,
    OrganisationJoinedBuyerGroup: storeFolded,
    OrganisationLeftBuyerGroup: storeFolded,
    LeadProcurerDesignated: storeFolded,
    ProcurementModelChosen: storeFolded,
    AgreementDrafted: storeFolded,
    AgreementSigned: storeFolded,
    AgreementSignaturesVoided: storeFolded,
    AgreementConcluded: storeFolded,
    ProcedureLaunched: storeFolded,
    ContractAwarded: storeFolded,
    ContractModified: storeFolded,
    BuyerGroupDissolved: storeFolded,
  },
});

/** The group as `evolve` folds this event into the stored state, with its filter columns and members. */
function storeFolded(db: Database.Database, event: Projected<BuyerGroupEvent>): void {
  const id = event.data.buyerGroupId;
  const stored = prepared(db, 'SELECT state FROM buyer_groups WHERE id = ?').get(id) as { state: string } | undefined;
  const before = stored ? (JSON.parse(stored.state) as BuyerGroup) : null;
  const group = evolve(before, event);
  if (!group) return;
  prepared(db,
    `INSERT INTO buyer_groups (id, name, cpv_code, status, proposed_at, state, version) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status, state = excluded.state, version = excluded.version`,
  ).run(group.id, group.name, group.cpvCode, group.status, group.proposedAt, JSON.stringify(group), event.recorded.revision + 1);
  prepared(db, 'DELETE FROM buyer_group_members WHERE buyer_group_id = ?').run(group.id);
  const insert = prepared(db, 'INSERT INTO buyer_group_members (buyer_group_id, organisation_id, country) VALUES (?, ?, ?)');
  for (const member of group.members) insert.run(group.id, member.organisationId, member.country);
}
