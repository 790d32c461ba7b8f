import { DuckDBInstance, DuckDBPreparedStatement } from '@duckdb/node-api';
import { describe, expect, it, vi } from 'vitest';
import type { UserSqlText } from '../../../shared/catalog/user-sql-params';
import { checkUserSqlAll } from './user-sql';

/**
 * The pieces of a big pipeline are parsed in batches of 1,000 per round trip:
 * every verdict must still be the one its own piece earns, in order, across
 * batch boundaries, and with texts that cannot go into a batch (a NUL).
 */
describe('checkUserSqlAll', () => {
  it('gives each of 2,500 pieces its own verdict, in order, across batches', async () => {
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const pieces: UserSqlText[] = [];
    for (let i = 0; i < 2500; i++) {
      const bad = i % 997 === 0;
      pieces.push({
        param: `p${String(i)}`,
        kind: 'expression',
        text: bad ? `k > ${String(i)}); COPY (SELECT 1) TO 'x.csv'; SELECT (1` : `k + ${String(i)}`,
      });
    }
    pieces.push({ param: 'q', kind: 'query', text: 'SELECT 1 AS one;' });
    pieces.push({ param: 'nul', kind: 'expression', text: 'k\u0000' });
    pieces.push({ param: 'file', kind: 'query', text: "SELECT * FROM read_csv('/etc/passwd')" });
    const runs = vi.spyOn(DuckDBPreparedStatement.prototype, 'runAndReadAll');
    const verdicts = await checkUserSqlAll(conn, pieces);
    // Three batches of at most 1,000 texts, not one parse per piece (the NUL piece is refused before parsing).
    expect(runs).toHaveBeenCalledTimes(3);
    runs.mockRestore();
    expect(verdicts).toHaveLength(pieces.length);
    const refused = verdicts.flatMap((v, i) => (v.ok ? [] : [pieces[i]?.param]));
    expect(refused).toEqual(['p0', 'p997', 'p1994', 'nul', 'file']);
    expect(verdicts[2500]).toEqual({ ok: true, text: 'SELECT 1 AS one' });
    expect(verdicts[1]).toEqual({ ok: true, text: 'k + 1' });
    conn.closeSync();
  });
});
