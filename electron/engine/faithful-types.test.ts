import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duck, freshDir, pipeline, sessionOpener } from './test-support';

/** Types a user did not ask for never change silently (issue #9): sums stay integers, Parquet keeps 128-bit values exact and says so. */

const open = sessionOpener();

describe('faithful types', () => {
  it('a sum of integers is BIGINT, in an aggregate and a pivot', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'in.csv'), 'k,n\na,1\na,2\nb,3\n');
    const s = await open(
      pipeline(
        { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
        {
          id: 'agg',
          type: 'transform.aggregate',
          inputs: { in: 'src' },
          params: { groupBy: ['k'], measures: [{ function: 'sum', column: 'n', as: 'total' }] },
        },
        {
          id: 'piv',
          type: 'transform.pivot',
          inputs: { in: 'src' },
          params: { column: 'k', values: ['a', 'b'], function: 'sum', valueColumn: 'n' },
        },
      ),
      dir,
    );
    expect((await s.schema('agg')).columns).toEqual([
      { name: 'k', type: 'VARCHAR' },
      { name: 'total', type: 'BIGINT' },
    ]);
    expect((await s.schema('piv')).columns).toEqual([
      { name: 'a', type: 'BIGINT' },
      { name: 'b', type: 'BIGINT' },
    ]);
  });

  it('a HUGEINT column is written to Parquet as DECIMAL(38,0), exactly, and the sink says so', async () => {
    const dir = freshDir();
    const doc = pipeline(
      {
        id: 'big',
        type: 'transform.sql',
        params: { query: 'SELECT 170141183460469231731687303715884105 ::HUGEINT AS h, 1 AS k' },
      },
      { id: 'out', type: 'sink.parquet', inputs: { in: 'big' }, params: { path: 'out.parquet' } },
    );
    const s = await open(doc, dir);
    const v = await s.validate();
    expect(v.diagnostics.find((d) => d.nodeId === 'out')).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('written as DECIMAL(38,0)'),
    });
    expect((await s.run()).ok).toBe(true);
    const path = join(dir, 'out.parquet');
    expect(
      await duck(`SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet('${path}')) WHERE column_name = 'h'`),
    ).toEqual([['DECIMAL(38,0)']]);
    expect(await duck(`SELECT CAST(h AS VARCHAR) FROM read_parquet('${path}')`)).toEqual([
      ['170141183460469231731687303715884105'],
    ]);
  });
});
