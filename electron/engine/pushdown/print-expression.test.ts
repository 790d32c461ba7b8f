import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUCKDB_TARGET } from '../../../shared/sql/targets/duckdb-target';
import { MYSQL_TARGET } from '../../../shared/sql/targets/mysql-target';
import { POSTGRES_TARGET } from '../../../shared/sql/targets/postgres-target';
import { printExpression } from '../../../shared/sql/targets/print-expression';
import { kindOfType, type TargetDialect } from '../../../shared/sql/targets/target-dialect';
import { myDatabase, myQuery, pgQuery, pgSchema } from '../connectors/test-databases';
import { parseExpression } from './parse-expression';

/**
 * Every expression of the corpus, printed for PostgreSQL and MariaDB, gives
 * on the real servers what DuckDB gives on the same rows; what a target
 * cannot say the same way is refused, naming the construct and the target.
 */

const COLUMNS: ReadonlyArray<readonly [string, string, string, string]> = [
  // name, DuckDB type, PostgreSQL type, MariaDB type
  ['id', 'INTEGER', 'integer', 'INT'],
  ['name', 'VARCHAR', 'text', 'VARCHAR(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci'],
  ['price', 'DECIMAL(10,2)', 'numeric(10,2)', 'DECIMAL(10,2)'],
  ['score', 'DOUBLE', 'double precision', 'DOUBLE'],
  ['qty', 'INTEGER', 'integer', 'INT'],
  ['d', 'DATE', 'date', 'DATE'],
  ['ts', 'TIMESTAMP', 'timestamp', 'DATETIME(6)'],
];

const ROWS: ReadonlyArray<readonly string[]> = [
  ['1', "'Alice'", '10.50', '1.25', '3', "'2024-01-31'", "'2024-01-31 10:20:30'"],
  ['2', "'alice'", '-2.25', '-0.5', '0', "'2024-02-29'", "'2024-02-29 23:59:59'"],
  ['3', "'Bob '", '0.00', '2.5', '-7', "'2023-12-01'", "'2023-12-01 00:00:00'"],
  ['4', "'Ção_x'", '99999.99', '1e10', '12', "'2020-06-15'", "'2020-06-15 12:00:00'"],
  ['5', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL'],
  ['6', "'a%b'", '1.05', '0', '5', "'2024-03-01'", "'2024-03-01 08:00:00'"],
];

const CORPUS = [
  // Hostile literals: a backslash (an escape in MySQL, text in DuckDB) and quotes must stay inside the value.
  "name = 'x\\' OR id = 1",
  "name = ''' OR 1=1 --' OR id = 2",
  "name || '\\' = 'Bob \\'",
  'id + 1',
  'qty * 2 - id',
  'price * qty',
  'price + 1.5',
  'score * 2',
  'qty / id',
  'price / qty',
  'price / 4',
  'id % 4',
  '-qty',
  'qty > 2',
  "name = 'alice'",
  "name = 'Bob'",
  "name < 'B'",
  "name IN ('Alice', 'bob ')",
  'id NOT IN (1, 2)',
  'qty BETWEEN 0 AND 5',
  'name IS NULL',
  'price IS NOT NULL',
  'NOT (qty > 0 AND id < 4) OR name IS NULL',
  "CASE WHEN qty > 0 THEN 'pos' WHEN qty < 0 THEN 'neg' ELSE 'zero' END",
  'CASE WHEN price > 5 THEN price ELSE 0 END',
  'CAST(qty AS DOUBLE)',
  'CAST(price AS INTEGER)',
  'CAST(id AS VARCHAR)',
  'CAST(price AS DECIMAL(12, 1))',
  "name LIKE 'A%'",
  "name LIKE '%e'",
  "name NOT LIKE '%b%'",
  'lower(name)',
  'upper(name)',
  'length(name)',
  "coalesce(name, '?')",
  'coalesce(qty, 0) + 1',
  'qty * price * (1 - coalesce(price, 0))',
  'abs(qty)',
  'abs(price)',
  'round(price, 1)',
  'round(price)',
  'substr(name, 2, 3)',
  'substr(name, 2)',
  'trim(name)',
  "name || '!'",
  'nullif(qty, 0)',
  "date_trunc('month', d)",
  "date_trunc('year', ts)",
  "d >= DATE '2024-01-01'",
  'd < CAST(ts AS DATE)',
  'qty IS DISTINCT FROM 0',
  'true',
  'NULL',
];

/** Refusals that must hold: the expression, the target, the construct named. */
const REFUSED: ReadonlyArray<readonly [string, TargetDialect, string]> = [
  ["date_trunc('month', d)", MYSQL_TARGET, 'date_trunc()'],
  ['round(score, 1)', POSTGRES_TARGET, 'round(double)()'],
  ['round(score, 1)', MYSQL_TARGET, 'round(double)()'],
  ["regexp_matches(name, 'a')", POSTGRES_TARGET, 'regexp_matches()'],
  ["regexp_matches(name, 'a')", MYSQL_TARGET, 'regexp_matches()'],
  ['CAST(score AS INTEGER)', POSTGRES_TARGET, 'CAST(double AS INTEGER)'],
  ['CAST(score AS VARCHAR)', MYSQL_TARGET, 'CAST(double AS VARCHAR)'],
  ['name = 1', POSTGRES_TARGET, '= of text with integer'],
  ['d + 1', POSTGRES_TARGET, 'date + integer'],
  ['TRY_CAST(name AS INTEGER)', POSTGRES_TARGET, 'TRY_CAST'],
  ['qty > 2', MYSQL_TARGET, 'a true/false value'],
  ['sum(qty) OVER ()', POSTGRES_TARGET, 'WINDOW WINDOW_AGGREGATE'],
  ["name LIKE 'a\\%'", MYSQL_TARGET, 'LIKE'],
  ['price / qty', MYSQL_TARGET, '/ by a column'],
];

const kinds = new Map(COLUMNS.map(([n, t]) => [n, kindOfType(t)]));
const kindOf = (n: string): ReturnType<typeof kindOfType> => kinds.get(n) ?? 'unknown';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** One value, comparable across databases: numbers to 12 significant digits, booleans as 0/1, dates as text. */
function norm(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Number(v.toPrecision(12));
  if (v instanceof Date) {
    const day = `${String(v.getFullYear())}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}`;
    const time = `${pad(v.getHours())}:${pad(v.getMinutes())}:${pad(v.getSeconds())}`;
    return time === '00:00:00' ? day : `${day} ${time}`;
  }
  const s = String(v);
  if (s === 'Infinity' || s === '-Infinity' || s === 'NaN') return Number(s);
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(s)) return Number(Number(s).toPrecision(12));
  // DATETIME(6) and TIMESTAMP text: drop zero fractions and a midnight time (a date truncated to a timestamp).
  const t = s
    .replace(/\.0+$/, '')
    .replace(/^(\d{4}-\d{2}-\d{2})[ T]00:00:00$/, '$1')
    .replace('T', ' ');
  return t;
}

let conn: DuckDBConnection;
let pgName = '';
let myName = '';
const drops: Array<() => Promise<void>> = [];

async function duckRows(expr: string, asCondition = false): Promise<unknown[]> {
  const printed = await parseExpression(conn, expr);
  if (!printed.ok) throw new Error(printed.message);
  const p = printExpression(printed.ast, DUCKDB_TARGET, kindOf);
  if (!p.ok) throw new Error(p.construct);
  // Test-only text of the corpus above.
  const sql = asCondition ? `SELECT id FROM t WHERE ${p.sql} ORDER BY id` : `SELECT ${p.sql} FROM t ORDER BY id`;

  return (await conn.runAndReadAll(sql)).getRowsJson().map((r) => norm(r[0]));
}

beforeAll(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  const values = ROWS.map((r) => `(${r.join(', ')})`).join(', ');
  await conn.run(`CREATE TABLE t (${COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')})`);
  await conn.run(`INSERT INTO t VALUES ${values}`);
  const pg = await pgSchema();
  const my = await myDatabase();
  drops.push(pg.drop, my.drop);
  pgName = pg.name;
  myName = my.name;
  await pgQuery(`CREATE TABLE ${pgName}.t (${COLUMNS.map(([n, , t]) => `${n} ${t}`).join(', ')})`);
  await pgQuery(`INSERT INTO ${pgName}.t VALUES ${values}`);
  await myQuery(`CREATE TABLE t (${COLUMNS.map(([n, , , t]) => `${n} ${t}`).join(', ')})`, [], myName);
  await myQuery(`INSERT INTO t VALUES ${values}`, [], myName);
});

afterAll(async () => {
  conn.closeSync();
  for (const d of drops) await d();
});

describe('expressions printed per target give DuckDB’s result', () => {
  for (const target of [POSTGRES_TARGET, MYSQL_TARGET]) {
    it(`${target.label}: every accepted expression of the corpus agrees with DuckDB`, async () => {
      let accepted = 0;
      for (const expr of CORPUS) {
        const parsed = await parseExpression(conn, expr);
        if (!parsed.ok) throw new Error(`${expr}: ${parsed.message}`);
        const p = printExpression(parsed.ast, target, kindOf);
        if (!p.ok) continue;
        accepted++;
        // As a value where the target has booleans, and as a condition (MySQL's are 0/1 numbers).
        const asCondition = p.kind === 'boolean';
        const select = asCondition
          ? `SELECT id FROM %t WHERE ${p.sql} ORDER BY id`
          : `SELECT ${p.sql} FROM %t ORDER BY id`;
        const rows =
          target.name === 'postgres'
            ? await pgQuery(select.replace('%t', `${pgName}.t`))
            : await myQuery(select.replace('%t', 't'), [], myName);
        expect({ expr, sql: p.sql, rows: rows.map((r) => norm(r[0])) }).toEqual({
          expr,
          sql: p.sql,
          rows: await duckRows(expr, asCondition),
        });
        if (asCondition && target.supports.booleanValues) {
          const values = await pgQuery(`SELECT ${p.sql} FROM ${pgName}.t ORDER BY id`);
          expect({ expr, values: values.map((r) => norm(r[0])) }).toEqual({ expr, values: await duckRows(expr) });
        }
      }
      expect(accepted).toBeGreaterThanOrEqual(target.name === 'postgres' ? 53 : 46);
    });
  }

  it('refuses what a target cannot say with DuckDB’s meaning, naming the construct and the target', async () => {
    for (const [expr, target, construct] of REFUSED) {
      const parsed = await parseExpression(conn, expr);
      if (!parsed.ok) throw new Error(`${expr}: ${parsed.message}`);
      expect({ expr, out: printExpression(parsed.ast, target, kindOf, true) }).toEqual({
        expr,
        out: { ok: false, construct, target: target.label },
      });
    }
  });
});
