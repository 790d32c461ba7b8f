import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { QUANTILE_ROWS, summarizeTable } from './profile-summary';

/** The profile's summary gives SUMMARIZE's answers (quartiles over evenly spaced rows past QUANTILE_ROWS), for every kind of column. */

async function connect() {
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  return db.connect();
}

describe('summarizeTable', () => {
  it('agrees with SUMMARIZE on min, max, empties, mean, spread and quartiles, across types', async () => {
    const conn = await connect();
    await conn.run(`CREATE TABLE t AS SELECT range AS i, range % 7 AS m, 'x' || (range % 13) AS s,
      TIMESTAMP '2024-01-01' + to_seconds(range) AS ts, DATE '2024-01-01' + (range % 50)::INT AS d,
      CASE WHEN range % 3 = 0 THEN NULL ELSE range / 3.0 END AS f, (range % 100)::DECIMAL(10,2) AS "a dec",
      range % 2 = 0 AS b, [range] AS l, {'k': range} AS st, MAP {'k': range} AS mp, range::VARCHAR::BLOB AS bl,
      INTERVAL (range) MINUTE AS iv, TIME '10:00:00' AS tm, NULL::INTEGER AS nothing FROM range(101)`);
    const mine = await summarizeTable(conn, 't');
    const theirs = (await conn.runAndReadAll('SUMMARIZE t')).getRowsJson();
    expect(mine.rows).toBe(101);
    expect(mine.columns.map((c) => c.name)).toEqual(theirs.map((r) => r[0]));
    for (const [k, c] of mine.columns.entries()) {
      const r = theirs[k] ?? [];
      expect([c.name, c.min, c.max], c.name).toEqual([r[0], r[2], r[3]]);
      expect(c.nullPercent, c.name).toBeCloseTo(Number(r[11]), 2);
    }
    const byName = new Map(mine.columns.map((c) => [c.name, c]));
    expect(byName.get('i')?.avg).toBe('50.0');
    expect(Number(byName.get('i')?.std)).toBeCloseTo(29.3, 1);
    expect([byName.get('i')?.q25, byName.get('i')?.median, byName.get('i')?.q75]).toEqual(['25', '50', '75']);
    expect(byName.get('d')?.median).toBe('2024-01-25');
    expect(byName.get('s')?.avg).toBeNull();
    expect(byName.get('s')?.median).toBeNull();
    expect(byName.get('nothing')?.nullPercent).toBe(100);
    expect(byName.get('nothing')?.median).toBeNull();
    conn.closeSync();
  });

  it('takes quartiles over evenly spaced rows past its limit, close to the exact ones', async () => {
    const conn = await connect();
    const n = QUANTILE_ROWS * 3 + 17;
    await conn.run(`CREATE TABLE big AS SELECT (hash(range) % 1000000)::BIGINT AS v FROM range(${String(n)})`);
    const got = (await summarizeTable(conn, 'big')).columns[0];
    const exact = (await conn.runAndReadAll('SELECT quantile_disc(v, [0.25, 0.5, 0.75]) FROM big')).getRowsJson()[0];
    const q = Array.isArray(exact?.[0]) ? exact[0].map(Number) : [];
    expect(Number(got?.q25)).toBeCloseTo(q[0] ?? NaN, -4);
    expect(Number(got?.median)).toBeCloseTo(q[1] ?? NaN, -4);
    expect(Number(got?.q75)).toBeCloseTo(q[2] ?? NaN, -4);
    conn.closeSync();
  });

  it('an empty table has no rows and no quartiles', async () => {
    const conn = await connect();
    await conn.run('CREATE TABLE e (a INTEGER, b VARCHAR)');
    const s = await summarizeTable(conn, 'e');
    expect(s.rows).toBe(0);
    expect(s.columns.map((c) => [c.name, c.nullPercent, c.median])).toEqual([
      ['a', 0, null],
      ['b', 0, null],
    ]);
    conn.closeSync();
  });
});
