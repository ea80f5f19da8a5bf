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

/** A statement reading whole rows as arrays, and the function making each array the row's object. */
interface RowReader {
  statement: Database.Statement;
  row: (values: unknown[]) => Record<string, unknown>;
}

const readers = new WeakMap<Database.Statement, RowReader>();

/**
 * Every row of `sql` with `params`, as objects keyed by column name, the same objects as
 * `prepared(db, sql).all(...params)` gives. better-sqlite3 builds each row object property by
 * property in native code, which cost twice the reading of the row itself (a page of 51 needs:
 * 280 µs as objects, 132 µs as arrays turned into objects by a function written for its columns),
 * and pages of rows are what every list query reads.
 */
export function selectAll<Row>(db: Database.Database, sql: string, params: readonly unknown[] = []): Row[] {
  const objects = prepared(db, sql);
  let reader = readers.get(objects);
  if (!reader) {
    reader = rowReader(db, sql, objects);
    readers.set(objects, reader);
  }
  const arrays = reader.statement.all(...params) as unknown[][];
  return arrays.map(reader.row) as Row[];
}

function rowReader(db: Database.Database, sql: string, objects: Database.Statement): RowReader {
  const names = objects.columns().map((column) => column.name);
  // The names are those of our own SQL, never a client's. An object literal treats `__proto__`
  // apart from other keys: such a statement keeps better-sqlite3's own objects.
  if (names.includes('__proto__')) return { statement: objects, row: (object) => object as unknown as Record<string, unknown> };
  const statement = db.prepare(sql).raw(true);
  // One object literal of fixed shape per row: V8 gives every row the same hidden class.
  const row = new Function('v', `return { ${names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ')} };`) as RowReader['row'];
  return { statement, row };
}
