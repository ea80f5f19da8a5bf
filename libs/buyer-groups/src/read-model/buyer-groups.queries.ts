import type Database from 'better-sqlite3';
import { countryCode } from '#network';
import { paginate, type Connection, type PageRequest } from '#graphql';
import { cpvPrefix } from '#needs';
import type { BuyerGroup, BuyerGroupStatus } from '../domain/buyer-group.js';
import { placeholders, rowsIn, selectAll } from '#projections';

export interface BuyerGroupRow {
  id: string;
  name: string;
  cpv_code: string;
  status: BuyerGroupStatus;
  proposed_at: string;
  /** The folded BuyerGroup, as JSON. */
  state: string;
  version: number;
}

/** A group with the member organisation it was found through. */
export type MembershipRow = BuyerGroupRow & { member_organisation_id: string };

export interface BuyerGroupFilter {
  status?: BuyerGroupStatus | null;
  /** Leading digits of the group's CPV code. */
  cpvPrefix?: string | null;
  /** Country of a current member. */
  country?: string | null;
  /** A current member. */
  organisationId?: string | null;
}

export function groupOf(row: BuyerGroupRow): BuyerGroup {
  return JSON.parse(row.state) as BuyerGroup;
}

/** Reads over the buyer-groups read model; `db` is asked for on each call so rebuilds swap cleanly. */
export class BuyerGroupsQueries {
  constructor(private readonly db: () => Database.Database) {}

  buyerGroupsByIds(ids: readonly string[]): BuyerGroupRow[] {
    return rowsIn<BuyerGroupRow>(this.db(), 'SELECT * FROM buyer_groups', 'id', ids);
  }

  buyerGroup(id: string): BuyerGroupRow | undefined {
    return this.buyerGroupsByIds([id])[0];
  }

  /** Groups in the order they were proposed, a page at a time; errors name `filter.<field>`. */
  buyerGroups(filter: BuyerGroupFilter | null | undefined, page: PageRequest): Connection<BuyerGroupRow> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter?.status != null) {
      where.push('g.status = ?');
      params.push(filter.status);
    }
    if (filter?.cpvPrefix != null) {
      where.push('g.cpv_code LIKE ?');
      params.push(`${cpvPrefix(filter.cpvPrefix, 'filter.cpvPrefix')}%`);
    }
    if (filter?.country != null) {
      where.push('EXISTS (SELECT 1 FROM buyer_group_members m WHERE m.buyer_group_id = g.id AND m.country = ?)');
      params.push(countryCode(filter.country, 'filter.country'));
    }
    if (filter?.organisationId != null) {
      where.push('EXISTS (SELECT 1 FROM buyer_group_members m WHERE m.buyer_group_id = g.id AND m.organisation_id = ?)');
      params.push(filter.organisationId);
    }
    return paginate<BuyerGroupRow & Record<string, unknown>>(
      this.db(),
      { from: 'buyer_groups g', where, params, orderBy: ['g.proposed_at', 'g.id'], select: 'g.*' },
      page,
      (row) => [row.proposed_at, row.id],
    );
  }

  /** The groups each organisation is a current member of, in the order they were proposed. */
  buyerGroupsOfOrganisations(organisationIds: readonly string[], status: BuyerGroupStatus | null = null): MembershipRow[] {
    if (organisationIds.length === 0) return [];
    const byStatus = status ? ' AND g.status = ?' : '';
    return selectAll<MembershipRow>(
      this.db(),
      `SELECT g.*, m.organisation_id AS member_organisation_id
       FROM buyer_group_members m JOIN buyer_groups g ON g.id = m.buyer_group_id
       WHERE m.organisation_id IN (${placeholders(organisationIds.length)})${byStatus}
       ORDER BY g.proposed_at, g.id`,
      [...organisationIds, ...(status ? [status] : [])],
    );
  }
}
