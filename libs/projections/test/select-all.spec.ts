import { describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { prepared, selectAll } from '#projections';

/** selectAll must give exactly the objects better-sqlite3 gives, only faster. */
describe('selectAll', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE needs (id TEXT PRIMARY KEY, title TEXT, quantity INTEGER, budget REAL, photo BLOB, note TEXT);
           CREATE TABLE organisations (id TEXT PRIMARY KEY, country TEXT);
           INSERT INTO organisations VALUES ('o1', 'FR');
           INSERT INTO needs VALUES ('n1', 'Drones', 4, 12.5, x'0102', NULL), ('n2', 'Vests', 40, NULL, NULL, 'spare "quotes" \\ and ''apostrophes''');`);

  it.each([
    ['SELECT * FROM needs ORDER BY id', []],
    ['SELECT n.*, o.country AS country FROM needs n JOIN organisations o ON o.id = ? ORDER BY n.id', ['o1']],
    ['SELECT id, id AS "the id", title AS "odd ""name""", quantity AS "0" FROM needs WHERE quantity > ?', [1]],
    ['SELECT n.id, o.id FROM needs n, organisations o', []],
    ['SELECT * FROM needs WHERE id = ?', ['none']],
  ])('%s', (sql, params) => {
    const expected = prepared(db, sql).all(...params);
    const rows = selectAll(db, sql, params);
    expect(rows).toEqual(expected);
    expect(rows.map((row) => Object.keys(row as object))).toEqual(expected.map((row) => Object.keys(row as object)));
    // Reading as arrays must not change what the kept statement gives its other callers.
    expect(prepared(db, sql).all(...params)).toEqual(expected);
  });

  it('gives a column named __proto__ as better-sqlite3 does', () => {
    const sql = `SELECT 'x' AS "__proto__", 1 AS one`;
    const [row] = selectAll<object>(db, sql);
    const [expected] = prepared(db, sql).all() as object[];
    expect(Object.getPrototypeOf(row)).toBe(Object.getPrototypeOf(expected));
    expect(Object.keys(row!)).toEqual(Object.keys(expected!));
  });
});
