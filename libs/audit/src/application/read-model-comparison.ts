import type Database from 'better-sqlite3';

export type Row = Record<string, unknown>;

/** How one table differs between the live read models and a replay. */
export interface TableDifference {
  table: string;
  /** Set when the table is missing on one side or its columns differ; rows are then not compared. */
  schema?: string;
  /** Rows of the live file the replay does not have (up to the shown limit), and how many in all. */
  onlyLive: Row[];
  onlyLiveCount: number;
  onlyReplay: Row[];
  onlyReplayCount: number;
  /** Primary-key columns, to pair rows that differ in some columns only. */
  key: string[];
}

export interface ReadModelComparison {
  tablesCompared: number;
  rowsCompared: number;
  differences: TableDifference[];
}

/** The checkpoint differs by construction (the scratch file is built up to the live one's). */
const IGNORED_TABLES = new Set(['projection_checkpoint']);
/** How many copies of a row a side holds: tables without a key may hold duplicates. */
const COPIES = '__copies';

/**
 * Compares every table of two schemas of one connection (`main` and an attached file), row by
 * row, in SQL: each side's rows grouped with their number of copies, minus the other side's.
 */
export function compareReadModels(db: Database.Database, left: string, right: string, shown = 20): ReadModelComparison {
  const leftTables = tablesOf(db, left);
  const rightTables = tablesOf(db, right);
  const differences: TableDifference[] = [];
  let rowsCompared = 0;
  const names = [...new Set([...leftTables, ...rightTables])].sort();
  for (const table of names) {
    const empty = { table, onlyLive: [], onlyLiveCount: 0, onlyReplay: [], onlyReplayCount: 0, key: [] };
    if (!leftTables.includes(table) || !rightTables.includes(table)) {
      differences.push({ ...empty, schema: `the table exists only in the ${leftTables.includes(table) ? 'live read models' : 'replay'}` });
      continue;
    }
    const leftColumns = columnsOf(db, left, table);
    const rightColumns = columnsOf(db, right, table);
    const describe = (columns: Column[]) => columns.map((c) => `${c.name} ${c.type}`).join(', ');
    if (describe(leftColumns) !== describe(rightColumns)) {
      differences.push({ ...empty, schema: `columns differ: live (${describe(leftColumns)}), replay (${describe(rightColumns)})` });
      continue;
    }
    const columns = leftColumns.map((column) => quote(column.name)).join(', ');
    const grouped = (schema: string) => `SELECT ${columns}, COUNT(*) AS ${COPIES} FROM ${quote(schema)}.${quote(table)} GROUP BY ${columns}`;
    const missingFrom = (from: string, other: string) => `${grouped(from)} EXCEPT ${grouped(other)}`;
    const count = (sql: string) => (db.prepare(`SELECT COUNT(*) AS n FROM (${sql})`).get() as { n: number }).n;
    const sample = (sql: string) => db.prepare(`${sql} LIMIT ${shown}`).all() as Row[];
    rowsCompared += (db.prepare(`SELECT COUNT(*) AS n FROM ${quote(left)}.${quote(table)}`).get() as { n: number }).n;
    const onlyLiveCount = count(missingFrom(left, right));
    const onlyReplayCount = count(missingFrom(right, left));
    if (onlyLiveCount === 0 && onlyReplayCount === 0) continue;
    differences.push({
      table,
      onlyLive: onlyLiveCount ? sample(missingFrom(left, right)) : [],
      onlyLiveCount,
      onlyReplay: onlyReplayCount ? sample(missingFrom(right, left)) : [],
      onlyReplayCount,
      key: leftColumns.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk).map((column) => column.name),
    });
  }
  return { tablesCompared: names.length, rowsCompared, differences };
}

/** Human-readable lines: rows paired by primary key show the columns that differ. */
export function describeDifferences(differences: readonly TableDifference[]): string[] {
  const lines: string[] = [];
  for (const difference of differences) {
    if (difference.schema) {
      lines.push(`${difference.table}: ${difference.schema}`);
      continue;
    }
    const keyOf = (row: Row) => (difference.key.length ? JSON.stringify(difference.key.map((column) => row[column])) : undefined);
    const replayByKey = new Map(difference.onlyReplay.map((row) => [keyOf(row), row]));
    const paired = new Set<Row>();
    for (const live of difference.onlyLive) {
      const key = keyOf(live);
      const replay = key !== undefined ? replayByKey.get(key) : undefined;
      if (!replay) {
        lines.push(`${difference.table}: only in the live read models: ${show(live)}`);
        continue;
      }
      paired.add(replay);
      const changed = Object.keys(live)
        .filter((column) => !sameValue(live[column], replay[column]))
        .map((column) => `${column}: live ${JSON.stringify(live[column])}, replay ${JSON.stringify(replay[column])}`);
      lines.push(`${difference.table} ${difference.key.map((column) => `${column}=${String(live[column])}`).join(' ')}: ${changed.join('; ')}`);
    }
    for (const replay of difference.onlyReplay) {
      if (!paired.has(replay)) lines.push(`${difference.table}: only in the replay: ${show(replay)}`);
    }
    const more = difference.onlyLiveCount + difference.onlyReplayCount - difference.onlyLive.length - difference.onlyReplay.length;
    if (more > 0) lines.push(`${difference.table}: ${more} more differing rows`);
  }
  return lines;
}

interface Column {
  name: string;
  type: string;
  pk: number;
}

function tablesOf(db: Database.Database, schema: string): string[] {
  return (
    db
      .prepare(`SELECT name FROM ${quote(schema)}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[]
  )
    .map((row) => row.name)
    .filter((name) => !IGNORED_TABLES.has(name));
}

function columnsOf(db: Database.Database, schema: string, table: string): Column[] {
  return db.prepare('SELECT name, type, pk FROM pragma_table_info(?, ?) ORDER BY cid').all(table, schema) as Column[];
}

function show(row: Row): string {
  const { [COPIES]: copies, ...columns } = row;
  return `${JSON.stringify(columns)}${copies !== 1 ? ` (${String(copies)} copies)` : ''}`;
}

function sameValue(a: unknown, b: unknown): boolean {
  return Buffer.isBuffer(a) && Buffer.isBuffer(b) ? a.equals(b) : Object.is(a, b);
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
