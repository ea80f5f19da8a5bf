import type Database from 'better-sqlite3';
import type { DecodedEvent, Recorded } from '../../../kernel/src/index.js';
import type { Projection } from '../../../projections/src/index.js';
import { evolve, type BuyerGroup, type BuyerGroupEvent } from '../domain/buyer-group.js';

const BUYER_GROUP_EVENTS = new Set<string>([
  'BuyerGroupProposed',
  'OrganisationJoinedBuyerGroup',
  'OrganisationLeftBuyerGroup',
  'LeadProcurerDesignated',
  'ProcurementModelChosen',
  'AgreementDrafted',
  'AgreementSigned',
  'AgreementSignaturesVoided',
  'AgreementConcluded',
  'ProcedureLaunched',
  'ContractAwarded',
  'ContractModified',
  'BuyerGroupDissolved',
] satisfies BuyerGroupEvent['type'][]);

/**
 * Each group is stored as the state the decider's own `evolve` folds, so the read model can
 * never disagree with the write side about status, signatures or membership. The columns
 * beside it exist for filtering and ordering; `buyer_group_members` answers "groups of an
 * organisation / of a country".
 */
export const buyerGroupsProjection: Projection = {
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

  apply(db: Database.Database, event: DecodedEvent): void {
    if (!BUYER_GROUP_EVENTS.has(event.type)) return;
    const id = String(event.data['buyerGroupId']);
    const stored = db.prepare('SELECT state FROM buyer_groups WHERE id = ?').get(id) as { state: string } | undefined;
    const before = stored ? (JSON.parse(stored.state) as BuyerGroup) : null;
    const group = evolve(before, event as unknown as Recorded<BuyerGroupEvent>);
    if (!group) return;
    db.prepare(
      `INSERT INTO buyer_groups (id, name, cpv_code, status, proposed_at, state, version) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status, state = excluded.state, version = excluded.version`,
    ).run(group.id, group.name, group.cpvCode, group.status, group.proposedAt, JSON.stringify(group), event.recorded.revision + 1);
    db.prepare('DELETE FROM buyer_group_members WHERE buyer_group_id = ?').run(group.id);
    const insert = db.prepare('INSERT INTO buyer_group_members (buyer_group_id, organisation_id, country) VALUES (?, ?, ?)');
    for (const member of group.members) insert.run(group.id, member.organisationId, member.country);
  },
};
