import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOk, tmpDir } from '../../../test/catalog-kit';
import { pipeline } from '../../../test/pipeline-builder';

describe('sink.parquet', () => {
  it('writes a file read back with its types, and a folder partitioned by columns', async () => {
    const dir = tmpDir({ 'a.csv': 'id,country,amount\n1,BR,1.5\n2,PT,2\n3,BR,3\n' });
    const doc = pipeline()
      .node('a', 'source.csv', { path: 'a.csv' })
      .node('out', 'sink.parquet', { path: 'out.parquet' }, { in: 'a' })
      .node('parts', 'sink.parquet', { path: 'parts', partitionBy: ['country'] }, { in: 'a' })
      .build();
    const r = await runOk(doc, dir);
    expect(r.steps.find((s) => s.nodeId === 'parts')?.sink).toMatchObject({
      format: 'parquet',
      directory: true,
      options: 'FORMAT parquet, COMPRESSION \'zstd\', PARTITION_BY ("country")',
    });
    const file = path.join(dir, 'out.parquet').replaceAll("'", "''");
    expect(await r.query(`SELECT id, amount FROM '${file}' ORDER BY id`)).toEqual([
      { id: 1, amount: 1.5 },
      { id: 2, amount: 2 },
      { id: 3, amount: 3 },
    ]);
    r.close();
    expect(fs.readdirSync(path.join(dir, 'parts')).sort()).toEqual(['country=BR', 'country=PT']);
  });

  it('writes 128-bit integers as exact decimals, and says so', async () => {
    const dir = tmpDir({ 'a.csv': 'n\n12345678901234567890123456789\n' });
    const doc = pipeline()
      .node('a', 'source.csv', { path: 'a.csv', columnTypes: [{ column: 'n', type: 'HUGEINT' }] })
      .node('out', 'sink.parquet', { path: 'out.parquet' }, { in: 'a' })
      .build();
    const r = await runOk(doc, dir);
    expect(r.diagnostics.map((d) => d.message)).toContainEqual(
      'column "n" is HUGEINT (128-bit), which Parquet cannot hold: it is written as DECIMAL(38,0), exactly',
    );
    const file = path.join(dir, 'out.parquet').replaceAll("'", "''");
    expect(await r.query(`SELECT CAST(n AS VARCHAR) AS n, typeof(n) AS t FROM '${file}'`)).toEqual([
      { n: '12345678901234567890123456789', t: 'DECIMAL(38,0)' },
    ]);
    r.close();
  });
});
