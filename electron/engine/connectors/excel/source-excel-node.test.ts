import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionOpener, freshDir } from '../../test-support';
import { writeBook } from './test-workbooks';
import { pipeline } from '../../../../test/pipeline-builder';

const open = sessionOpener();

describe('source.excel on a real workbook', () => {
  it('reads the sheet it names into DuckDB, typed, for the nodes below it', async () => {
    const dir = freshDir('duto-catalog-excel-');
    await writeBook(path.join(dir, 'book.xlsx'), {
      Notes: [['ignored']],
      Orders: [
        ['id', 'region', 'amount'],
        [1, 'north', 10.5],
        [2, 'south', 20],
        [3, 'north', 7.25],
      ],
    });
    const doc = pipeline()
      .node('book', 'source.excel', { path: 'book.xlsx', sheet: 'Orders' })
      .node('north', 'transform.filter', { condition: "region = 'north'" }, { in: 'book' })
      .build();
    const s = await open(doc, dir);
    const preview = await s.preview('north', 10);
    expect(preview.columns.map((c) => `${c.name} ${c.type}`)).toEqual(['id BIGINT', 'region VARCHAR', 'amount DOUBLE']);
    expect(preview.rows).toEqual([
      [1, 'north', 10.5],
      [3, 'north', 7.25],
    ]);
  });
});
