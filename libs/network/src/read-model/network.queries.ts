import type Database from 'better-sqlite3';
import { paginate, type Connection, type PageRequest } from '#graphql';
import { placeholders, prepared, rowsIn, selectAll } from '#projections';

export interface OrganisationRow {
  id: string;
  name: string;
  country: string;
  kind: string;
  active: number;
  registered_at: string;
  version: number;
}

export interface MemberRow {
  id: string;
  display_name: string | null;
  email: string | null;
  country: string;
  organisation_id: string | null;
  expertise: string;
  ncp_for: string | null;
  erased: number;
  joined_at: string;
  version: number;
}

/** Reads over the network read model; `db` is asked for on each call so rebuilds swap cleanly. */
export class NetworkQueries {
  constructor(private readonly db: () => Database.Database) {}

  organisationsByIds(ids: readonly string[]): OrganisationRow[] {
    return rowsIn<OrganisationRow>(this.db(), 'SELECT * FROM organisations', 'id', ids);
  }

  organisation(id: string): OrganisationRow | undefined {
    return this.organisationsByIds([id])[0];
  }

  organisations(filter: { country?: string | null }, page: PageRequest): Connection<OrganisationRow> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.country) {
      where.push('country = ?');
      params.push(filter.country.toUpperCase());
    }
    return paginate<OrganisationRow & Record<string, unknown>>(
      this.db(),
      { from: 'organisations', where, params, orderBy: ['name', 'id'], select: '*' },
      page,
      (row) => [row.name, row.id],
    );
  }

  membersByIds(ids: readonly string[]): MemberRow[] {
    return rowsIn<MemberRow>(this.db(), 'SELECT * FROM members', 'id', ids);
  }

  member(id: string): MemberRow | undefined {
    return this.membersByIds([id])[0];
  }

  membersOfOrganisations(organisationIds: readonly string[]): MemberRow[] {
    if (organisationIds.length === 0) return [];
    return selectAll<MemberRow>(this.db(), `SELECT * FROM members WHERE organisation_id IN (${placeholders(organisationIds.length)}) ORDER BY joined_at, id`, organisationIds);
  }

  nationalContactPointOf(country: string): MemberRow | undefined {
    return prepared(this.db(), 'SELECT * FROM members WHERE ncp_for = ?').get(country) as MemberRow | undefined;
  }
}
