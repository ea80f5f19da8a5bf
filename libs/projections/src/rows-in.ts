import type Database from 'better-sqlite3';
import { selectAll } from './prepared-statements.js';
import { placeholders } from './projection.js';

/**
 * The rows of `select` (a `SELECT … FROM …` with its joins) whose `column` is one of `keys`, in
 * one query: what a DataLoader's batch asks of a read model. No keys, no query.
 */
export function rowsIn<Row>(db: Database.Database, select: string, column: string, keys: readonly string[], orderBy = ''): Row[] {
  if (keys.length === 0) return [];
  return selectAll<Row>(db, `${select} WHERE ${column} IN (${placeholders(keys.length)}) ${orderBy}`.trimEnd(), keys);
}
