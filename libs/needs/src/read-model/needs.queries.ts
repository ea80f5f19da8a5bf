import type Database from 'better-sqlite3';
import { countryCode } from '#network';
import { paginate, type Connection, type PageRequest } from '#graphql';
import { cpvPrefix } from '../domain/cpv.js';
import { placeholders, prepared, rowsIn, selectAll } from '#projections';

export const NEED_STATUSES = ['OPEN', 'POOLED', 'WITHDRAWN'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** A row of the needs read model, with the country of its organisation. */
export interface NeedRow {
  id: string;
  organisation_id: string;
  country: string;
  title: string;
  description: string;
  cpv_code: string;
  quantity: number;
  unit: string;
  budget_amount: string;
  budget_currency: string;
  target_quarter: string;
  target_year: number;
  approach: string;
  open_to_joint_procurement: number;
  status: NeedStatus;
  buyer_group_id: string | null;
  withdrawn_reason: string | null;
  declared_at: string;
  updated_at: string;
  version: number;
}

export interface NeedFilter {
  /** Leading digits of the CPV code. */
  cpvPrefix?: string | null;
  /** Country of the declaring organisation. */
  country?: string | null;
  status?: NeedStatus | null;
  approach?: string | null;
  openToJointProcurement?: boolean | null;
  organisationId?: string | null;
}

// The country is the organisation's: joined from the network read model rather than copied.
const FROM = 'needs n JOIN organisations o ON o.id = n.organisation_id';
const SELECT = 'n.*, o.country AS country';
/** WHERE conditions of a filter; errors name `filter.<field>`. */
function conditions(filter: NeedFilter | null | undefined): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter?.cpvPrefix != null) {
    where.push('n.cpv_code LIKE ?');
    params.push(`${cpvPrefix(filter.cpvPrefix, 'filter.cpvPrefix')}%`);
  }
  if (filter?.country != null) {
    where.push('o.country = ?');
    params.push(countryCode(filter.country, 'filter.country'));
  }
  if (filter?.status != null) {
    where.push('n.status = ?');
    params.push(filter.status);
  }
  if (filter?.approach != null) {
    where.push('n.approach = ?');
    params.push(filter.approach);
  }
  if (filter?.openToJointProcurement != null) {
    where.push('n.open_to_joint_procurement = ?');
    params.push(filter.openToJointProcurement ? 1 : 0);
  }
  if (filter?.organisationId != null) {
    where.push('n.organisation_id = ?');
    params.push(filter.organisationId);
  }
  return { where, params };
}

/**
 * The count the projection keeps for a filter on nothing but the status; undefined when other
 * conditions apply and the rows must be counted.
 */
function keptCount(db: Database.Database, filter: NeedFilter | null | undefined): (() => number) | undefined {
  const { status, ...others } = filter ?? {};
  if (Object.values(others).some((value) => value != null)) return undefined;
  if (status != null) return () => prepared<[string], { n: number }>(db, 'SELECT n FROM needs_totals WHERE status = ?').get(status)?.n ?? 0;
  return () => prepared<[], { n: number }>(db, 'SELECT COALESCE(SUM(n), 0) AS n FROM needs_totals').get()!.n;
}

/** Reads over the needs read model; `db` is asked for on each call so rebuilds swap cleanly. */
export class NeedsQueries {
  constructor(private readonly db: () => Database.Database) {}

  needsByIds(ids: readonly string[]): NeedRow[] {
    return rowsIn<NeedRow>(this.db(), `SELECT ${SELECT} FROM ${FROM}`, 'n.id', ids);
  }

  need(id: string): NeedRow | undefined {
    return this.needsByIds([id])[0];
  }

  /** Needs in the order they were declared, a page at a time. */
  needs(filter: NeedFilter | null | undefined, page: PageRequest): Connection<NeedRow> {
    const { where, params } = conditions(filter);
    const db = this.db();
    return paginate<NeedRow & Record<string, unknown>>(
      db,
      { from: FROM, where, params, orderBy: ['n.declared_at', 'n.id'], select: SELECT, count: keptCount(db, filter) },
      page,
      (row) => [row.declared_at, row.id],
    );
  }

  /** Every need matching the filter; without a status, the live ones (OPEN and POOLED). */
  inventoryNeeds(filter: NeedFilter | null | undefined): NeedRow[] {
    const { where, params } = conditions(filter);
    if (filter?.status == null) where.push(`n.status IN ('OPEN', 'POOLED')`);
    return selectAll<NeedRow>(this.db(), `SELECT ${SELECT} FROM ${FROM}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY n.declared_at, n.id`, params);
  }

  /** Open, unpooled needs offered for joint procurement by organisations still in the network. */
  jointProcurementCandidates(): NeedRow[] {
    return selectAll<NeedRow>(
      this.db(),
      `SELECT ${SELECT} FROM ${FROM}
       WHERE n.status = 'OPEN' AND n.open_to_joint_procurement = 1 AND o.active = 1
       ORDER BY n.cpv_code, n.declared_at, n.id`,
    );
  }

  needsOfOrganisations(organisationIds: readonly string[], status: NeedStatus | null = null): NeedRow[] {
    if (organisationIds.length === 0) return [];
    const byStatus = status ? ' AND n.status = ?' : '';
    return selectAll<NeedRow>(
      this.db(),
      `SELECT ${SELECT} FROM ${FROM} WHERE n.organisation_id IN (${placeholders(organisationIds.length)})${byStatus}
       ORDER BY n.declared_at, n.id`,
      [...organisationIds, ...(status ? [status] : [])],
    );
  }
}
