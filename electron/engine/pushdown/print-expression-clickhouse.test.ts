import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLICKHOUSE_TARGET } from '../../../shared/sql/targets/clickhouse-target';
import { DUCKDB_TARGET } from '../../../shared/sql/targets/duckdb-target';
import { printExpression } from '../../../shared/sql/targets/print-expression';
import { kindOfType, type TargetDialect } from '../../../shared/sql/targets/target-dialect';
import { SKIP_MESSAGE, chDatabase, chQuery, clusterUp } from '../connectors/clickhouse/ch-test-cluster';
import { parseExpression } from './parse-expression';

/*
 * Every expression of the corpus the ClickHouse printer accepts gives, on
 * ClickHouse 18.16, what DuckDB gives on the same rows; a true/false result
 * is compared as TRUE, FALSE or NULL (three-valued logic is where ClickHouse
 * differs most). What it cannot say the same way is refused by name.
 */

const up = await clusterUp();
if (!up) console.warn(SKIP_MESSAGE);

const COLUMNS: ReadonlyArray<readonly [string, string, string]> = [
  // name, DuckDB type, ClickHouse type
  ['id', 'INTEGER', 'Int32'],
  ['name', 'VARCHAR', 'Nullable(String)'],
  ['price', 'DECIMAL(10,2)', 'Nullable(Decimal(10,2))'],
  ['score', 'DOUBLE', 'Nullable(Float64)'],
  ['qty', 'INTEGER', 'Nullable(Int32)'],
  ['d', 'DATE', 'Nullable(Date)'],
  // An instant: DuckDB (in UTC here) reads a DateTime as TIMESTAMPTZ.
  ['ts', 'TIMESTAMPTZ', "Nullable(DateTime('UTC'))"],
];

const ROWS: ReadonlyArray<readonly string[]> = [
  ['1', "'Alice'", '10.50', '1.25', '3', "'2024-01-31'", "'2024-01-01 00:00:00'"],
  ['2', "'alice'", '-2.25', '-0.5', '0', "'2024-02-29'", "'2023-12-31 23:59:59'"],
  ['3', "'Bob '", '0.00', '2.5', '-7', "'2023-12-01'", "'2024-02-29 12:30:45'"],
  ['4', "'Ção_x'", '99999.99', '1e10', '12', "'2020-06-15'", "'2020-03-29 01:30:00'"],
  ['5', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL'],
  ['6', "'a%b'", '1.05', '0', '5', "'2024-03-01'", "'1999-12-31 23:59:59'"],
  ['7', "'ıſß'", '-0.05', '-3', 'NULL', "'1999-12-31'", "'1970-01-05 00:00:00'"],
];

const CORPUS = [
  "name = 'x\\' OR id = 1",
  "name = ''' OR 1=1 --' OR id = 2",
  "name || '\\' = 'Bob \\'",
  'price * qty',
  'price + 1.5',
  'price - 0.05 * qty',
  'score * 2',
  'score + price',
  'score > price',
  'qty / id',
  'price / qty',
  'price / 4',
  'score / 0',
  'qty > -5',
  '-price',
  'qty > 2',
  "name = 'alice'",
  "name < 'B'",
  "name > 'Z'",
  "name IN ('Alice', 'bob ')",
  'id NOT IN (1, 2)',
  'qty NOT IN (3, 12)',
  'price IN (10.5, 1.05)',
  'qty BETWEEN 0 AND 5',
  'price BETWEEN -1 AND 11',
  'name IS NULL',
  'price IS NOT NULL',
  'NOT (qty > 0 AND id < 4) OR name IS NULL',
  'NOT (qty > 100 AND id < 4)',
  'NOT (qty > 0 OR id > 100)',
  'qty > 100 OR price > 5',
  '(qty > 0) = (price > 0)',
  "CASE WHEN qty > 0 THEN 'pos' WHEN qty < 0 THEN 'neg' ELSE 'zero' END",
  'CASE WHEN price > 5 THEN price ELSE 0 END',
  'CAST(qty AS DOUBLE)',
  'CAST(price AS DOUBLE)',
  'CAST(qty AS BIGINT)',
  'CAST(id AS VARCHAR)',
  'CAST(d AS VARCHAR)',
  'CAST(qty AS DECIMAL(12, 2))',
  "name LIKE 'A%'",
  "name LIKE '%e'",
  "name LIKE '_ão%'",
  "name NOT LIKE '%b%'",
  'length(name)',
  "coalesce(name, '?')",
  'coalesce(price, 0) + 1',
  'qty * price * (1 - coalesce(price, 0))',
  'abs(price)',
  'abs(score)',
  'round(price, 1)',
  'round(price)',
  'substr(name, 2, 3)',
  'substr(name, 2)',
  'trim(name)',
  "trim('  a b  ')",
  "name || '!'",
  'name || id',
  'nullif(qty, 0)',
  "nullif(name, 'Alice')",
  "d >= DATE '2024-01-01'",
  "d = DATE '2024-02-29'",
  'qty IS DISTINCT FROM 0',
  'qty IS NOT DISTINCT FROM NULL',
  "name IS DISTINCT FROM 'Alice'",
  'true',
  'NOT (qty > 1) OR false',
  "CASE WHEN true THEN name ELSE '?' END",
  'NULL',
  "date_trunc('year', ts)",
  "date_trunc('quarter', ts)",
  "date_trunc('month', ts)",
  "date_trunc('week', ts)",
  "date_trunc('day', ts)",
  "date_trunc('hour', ts)",
  "date_trunc('minute', ts)",
  "date_trunc('year', date_trunc('month', ts))",
];

/** Refusals that must hold: the expression and the construct named. */
const REFUSED: ReadonlyArray<readonly [string, string]> = [
  ['id + 1', 'integer + integer (ClickHouse wraps on overflow where DuckDB fails)'],
  ['qty * 2 - id', 'integer * integer (ClickHouse wraps on overflow where DuckDB fails)'],
  ['-qty', '-integer (ClickHouse wraps on overflow where DuckDB fails)'],
  ['id % 4', '% (ClickHouse fails on a zero divisor where DuckDB gives NULL)'],
  ['upper(name)', 'upper()'],
  ['lower(name)', 'lower()'],
  ['abs(qty)', 'abs(integer)()'],
  ['round(score, 1)', 'round(double)()'],
  ['CAST(price AS INTEGER)', 'CAST(decimal AS INTEGER)'],
  ['CAST(price AS DECIMAL(12, 1))', 'CAST(decimal AS DECIMAL)'],
  ['CAST(score AS VARCHAR)', 'CAST(double AS VARCHAR)'],
  ['CAST(name AS DATE)', 'CAST(text AS DATE)'],
  // DuckDB truncates a DATE to a naive TIMESTAMP, which ClickHouse has not; DateTime has whole seconds.
  ["date_trunc('month', d)", "date_trunc('month', date)()"],
  ["date_trunc('second', ts)", "date_trunc('second', unknown)()"],
  // Of an instant only when it is a column's (or truncated here): an expression of unknown type is not one.
  ["date_trunc('month', nullif(ts, ts))", "date_trunc('month', unknown)()"],
  ["name LIKE 'a\\%'", 'LIKE'],
  ['qty IN (1, NULL)', 'NULL in an IN list'],
  ['qty IN (id, 2)', 'IN of columns'],
  ['qty > 2', 'a true/false value'],
  ['TRY_CAST(name AS INTEGER)', 'TRY_CAST'],
  ['sum(qty) OVER ()', 'WINDOW WINDOW_AGGREGATE'],
];

const kinds = new Map(COLUMNS.map(([n, t]) => [n, kindOfType(t)]));
const kindOf = (n: string): ReturnType<typeof kindOfType> => kinds.get(n) ?? 'unknown';

/** One value, comparable across databases: numbers to 12 significant digits. */
function norm(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const s = String(v);
  const special: Readonly<Record<string, number>> = { inf: Infinity, '-inf': -Infinity, nan: NaN };
  if (s in special) return special[s];
  if (s === 'Infinity' || s === '-Infinity' || s === 'NaN') return Number(s);
  // DuckDB's TIMESTAMPTZ text in UTC ends with +00; ClickHouse's has no offset, and prints its instant 0 as zeros.
  if (s === '0000-00-00 00:00:00') return '1970-01-01 00:00:00';
  if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00$/.test(s)) return s.slice(0, -3);
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(s)) return Number(Number(s).toPrecision(12));
  return s;
}

/** A TSV field as ClickHouse writes it. */
function unescape(field: string): string | null {
  if (field === '\\N') return null;
  const map: Readonly<Record<string, string>> = { t: '\t', n: '\n', '\\': '\\', "'": "'", '0': '\0' };
  return field.replace(/\\(.)/g, (_, c: string) => map[c] ?? c);
}

let conn: DuckDBConnection;
let db: { name: string; drop: () => Promise<void> };

/** A select of one value: a true/false one as 1, 0 or NULL. */
function selectOf(sql: string, boolean: boolean, table: string): string {
  const value = boolean ? `CASE WHEN ${sql} THEN 1 WHEN NOT (${sql}) THEN 0 ELSE NULL END` : sql;
  return `SELECT ${value} FROM ${table} ORDER BY id`;
}

async function duckRows(expr: string, boolean: boolean): Promise<unknown[]> {
  const parsed = await parseExpression(conn, expr);
  if (!parsed.ok) throw new Error(parsed.message);
  const p = printExpression(parsed.ast, DUCKDB_TARGET, kindOf);
  if (!p.ok) throw new Error(p.construct);
  // Test-only text of the corpus above.
  return (await conn.runAndReadAll(selectOf(p.sql, boolean, 't'))).getRowsJson().map((r) => norm(r[0]));
}

beforeAll(async () => {
  if (!up) return;
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  // date_trunc of an instant is pushed where DuckDB truncates in UTC: so does this one.
  await conn.run("SET TimeZone = 'UTC'");
  const values = ROWS.map((r) => `(${r.join(', ')})`).join(', ');
  await conn.run(`CREATE TABLE t (${COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')})`);
  await conn.run(`INSERT INTO t VALUES ${values}`);
  db = await chDatabase();
  await chQuery(
    `CREATE TABLE ${db.name}.t (${COLUMNS.map(([n, , t]) => `${n} ${t}`).join(', ')}) ENGINE = MergeTree ORDER BY id`,
  );
  await chQuery(`INSERT INTO ${db.name}.t VALUES ${values}`);
});
afterAll(async () => {
  if (!up) return;
  conn.closeSync();
  await db.drop();
});

describe.skipIf(!up)('expressions printed for ClickHouse give DuckDB’s result', () => {
  const target: TargetDialect = CLICKHOUSE_TARGET.inZone?.('UTC') ?? CLICKHOUSE_TARGET;
  it('every accepted expression of the corpus agrees with DuckDB, true/false/NULL included', async () => {
    let accepted = 0;
    for (const expr of CORPUS) {
      const parsed = await parseExpression(conn, expr);
      if (!parsed.ok) throw new Error(`${expr}: ${parsed.message}`);
      const p = printExpression(parsed.ast, target, kindOf);
      if (!p.ok) throw new Error(`${expr}: refused (${p.construct})`);
      accepted++;
      const boolean = p.kind === 'boolean';
      // An instant as its UTC text, as DuckDB's (in UTC) prints it.
      const value = p.kind === 'timestamp' ? `toString(${p.sql}, 'UTC')` : p.sql;
      const text = await chQuery(`${selectOf(value, boolean, `${db.name}.t`)} FORMAT TabSeparated`);
      const rows = text
        .split('\n')
        .slice(0, -1)
        .map((l) => norm(unescape(l)));
      expect({ expr, sql: p.sql, rows }).toEqual({ expr, sql: p.sql, rows: await duckRows(expr, boolean) });
    }
    expect(accepted).toBe(CORPUS.length);
  });

  it('the week of an instant in 1970 before its first Monday fails there, never clamped to 1970-01-01', async () => {
    const parsed = await parseExpression(conn, "date_trunc('week', ts)");
    if (!parsed.ok) throw new Error(parsed.message);
    const p = printExpression(parsed.ast, target, kindOf);
    if (!p.ok) throw new Error(p.construct);
    const one = (at: string): Promise<string> =>
      chQuery(`SELECT toString(${p.sql}, 'UTC') FROM (SELECT toDateTime('${at}', 'UTC') AS ts) FORMAT TSV`);
    // Its week began on Monday 1969-12-29, which no ClickHouse Date holds.
    await expect(one('1970-01-02 10:00:00')).rejects.toThrow();
    expect((await one('1970-01-08 10:00:00')).trim()).toBe('1970-01-05 00:00:00');
  });

  it('truncates an instant only where DuckDB truncates in UTC, naming the zone otherwise', async () => {
    const parsed = await parseExpression(conn, "date_trunc('month', ts)");
    if (!parsed.ok) throw new Error(parsed.message);
    const zoned = CLICKHOUSE_TARGET.inZone?.('America/Sao_Paulo');
    expect(zoned).toBeDefined();
    if (zoned === undefined) return;
    expect(printExpression(parsed.ast, zoned, kindOf, true)).toEqual({
      ok: false,
      construct: 'date_trunc of a timestamp with time zone in America/Sao_Paulo()',
      target: 'ClickHouse',
    });
    expect(printExpression(parsed.ast, CLICKHOUSE_TARGET, kindOf, true)).toEqual({
      ok: false,
      construct: 'date_trunc of a timestamp with time zone in an unknown time zone()',
      target: 'ClickHouse',
    });
    for (const utc of ['Etc/UTC', 'GMT', 'UTC'])
      expect(printExpression(parsed.ast, CLICKHOUSE_TARGET.inZone?.(utc) ?? CLICKHOUSE_TARGET, kindOf, true).ok).toBe(
        true,
      );
  });

  it('refuses what ClickHouse cannot say with DuckDB’s meaning, naming the construct', async () => {
    for (const [expr, construct] of REFUSED) {
      const parsed = await parseExpression(conn, expr);
      if (!parsed.ok) throw new Error(`${expr}: ${parsed.message}`);
      expect({ expr, out: printExpression(parsed.ast, target, kindOf, true) }).toEqual({
        expr,
        out: { ok: false, construct, target: 'ClickHouse' },
      });
    }
  });
});
