import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOk, tmpDir } from '../../../test/catalog-kit';
import { pipeline } from '../../../test/pipeline-builder';

describe('source.parquet and sink.parquet', () => {
  it('round-trips through a Parquet file, with the file name column', async () => {
    const dir = tmpDir({ 'a.csv': 'id,name\n1,Ann\n2,Bob\n' });
    const w = await runOk(
      pipeline()
        .node('src', 'source.csv', { path: 'a.csv' })
        .node('out', 'sink.parquet', { path: 'a.parquet' }, { in: 'src' })
        .build(),
      dir,
    );
    w.close();
    const r = await runOk(
      pipeline().node('pq', 'source.parquet', { path: 'a.parquet', filenameColumn: 'file' }).build(),
      dir,
    );
    expect((await r.rows('pq')).map((row) => [row['id'], row['name'], path.basename(String(row['file']))])).toEqual([
      [1, 'Ann', 'a.parquet'],
      [2, 'Bob', 'a.parquet'],
    ]);
    r.close();
  });
});
