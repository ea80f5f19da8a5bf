import type Database from 'better-sqlite3';
import { BadUserInput } from '#kernel';
import type { Connection } from './connection.js';
import { prepared, selectAll } from '#projections';

export const MAX_PAGE_SIZE = 500;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface KeysetQuery {
  /** Table or subquery with its joins, e.g. `needs n JOIN organisations o ON ...`. */
  from: string;
  /** Conditions without the keyset one, already parameterised. */
  where: string[];
  params: unknown[];
  /** A unique, ordered column list, e.g. ['n.declared_at', 'n.id']. */
  orderBy: [string, string];
  select: string;
  /** The number of rows matching, when the read model keeps it (else counted with the query's joins). */
  count?: () => number;
}

/**
 * Keyset pagination with opaque cursors: a page costs one query for the rows and one for the
 * count (or none, when the read model keeps the count), however deep the client pages.
 */
export function paginate<Row extends Record<string, unknown>>(
  db: Database.Database,
  query: KeysetQuery,
  page: PageRequest,
  sortKeys: (row: Row) => [unknown, unknown],
): Connection<Row> {
  const first = page.first ?? 50;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInput('first', `must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  const where = [...query.where];
  const params = [...query.params];
  const totalCount =
    query.count?.() ?? (prepared(db, `SELECT COUNT(*) AS n FROM ${query.from}${clause(where)}`).get(...params) as { n: number }).n;
  if (page.after) {
    const [a, b] = decodeCursor(page.after);
    const [c1, c2] = query.orderBy;
    where.push(`(${c1} > ? OR (${c1} = ? AND ${c2} > ?))`);
    params.push(a, a, b);
  }
  const rows = selectAll<Row>(db, `SELECT ${query.select} FROM ${query.from}${clause(where)} ORDER BY ${query.orderBy.join(', ')} LIMIT ?`, [...params, first + 1]);
  const hasNextPage = rows.length > first;
  const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor(sortKeys(row)), node: row }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

export function encodeCursor(keys: unknown[]): string {
  return Buffer.from(JSON.stringify(keys), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): [unknown, unknown] {
  try {
    const keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(keys) && keys.length === 2 && keys.every(isSortKey)) return keys as [unknown, unknown];
  } catch {
    // fall through to the error below
  }
  throw new BadUserInput('after', 'is not a cursor this server issued');
}

/** What a sort column holds, and so all SQLite can compare a cursor with; anything else is forged. */
function isSortKey(key: unknown): boolean {
  return key === null || typeof key === 'string' || (typeof key === 'number' && Number.isFinite(key));
}

function clause(conditions: string[]): string {
  return conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/** Maps the nodes of a connection, keeping cursors and counts. */
export function mapConnection<A, B>(connection: Connection<A>, map: (node: A) => B): Connection<B> {
  return { ...connection, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: map(edge.node) })) };
}
