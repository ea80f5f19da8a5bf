import type Database from 'better-sqlite3';

const byDatabase = new WeakMap<Database.Database, Map<string, Database.Statement>>();
/** Distinct statements kept per file; queries with a variable number of placeholders make more. */
const KEPT_PER_DATABASE = 2000;

/**
 * The statement for `sql` on `db`, prepared once and kept for as long as the handle lives:
 * preparing costs more than running a small query, and a read or a projected event would
 * otherwise pay it on every call. A rebuilt read-model file is a new handle, so its statements
 * are its own.
 */
export function prepared<BindParameters extends unknown[] | {} = unknown[], Result = unknown>(
  db: Database.Database,
  sql: string,
): Database.Statement<BindParameters, Result> {
  let kept = byDatabase.get(db);
  if (!kept) {
    kept = new Map();
    byDatabase.set(db, kept);
  }
  let statement = kept.get(sql);
  if (!statement) {
    if (kept.size >= KEPT_PER_DATABASE) kept.clear();
    statement = db.prepare(sql);
    kept.set(sql, statement);
  }
  return statement as Database.Statement<BindParameters, Result>;
}

/** Drops the statements kept for `db`: the next calls prepare them again. */
export function forgetPreparedStatements(db: Database.Database): void {
  byDatabase.delete(db);
}
