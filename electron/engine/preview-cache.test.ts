import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewCacheHits } from './preview-cache';
import { csvFilterParquet, freshDir, sessionOpener } from './test-support';

const open = sessionOpener();

function write(dir: string, body: string): void {
  writeFileSync(join(dir, 'orders.csv'), `id,status\n${body}`);
}

describe('preview cache', () => {
  it('serves an unchanged node from cache across sessions, even after an edit downstream', async () => {
    const dir = freshDir();
    write(dir, '1,paid\n2,open\n3,paid\n');
    const first = await open(csvFilterParquet('orders.csv', "status = 'paid'", 'a.parquet'), dir);
    const rows = (await first.preview('kept', 50)).rows;
    const before = previewCacheHits();
    // The sink changed: a new session, but `kept` and its inputs did not.
    const second = await open(csvFilterParquet('orders.csv', "status = 'paid'", 'b.parquet'), dir);
    expect((await second.preview('kept', 50)).rows).toEqual(rows);
    expect(previewCacheHits()).toBe(before + 1);
  });

  it('never serves stale rows: a changed file or a changed param misses', async () => {
    const dir = freshDir();
    write(dir, '1,paid\n2,open\n');
    const s1 = await open(csvFilterParquet('orders.csv', "status = 'paid'", 'out.parquet'), dir);
    expect((await s1.preview('kept', 50)).rows).toEqual([[1, 'paid']]);
    // Same size, rewritten at once: the identity still changes.
    write(dir, '7,paid\n2,open\n');
    const s2 = await open(csvFilterParquet('orders.csv', "status = 'paid'", 'out.parquet'), dir);
    expect((await s2.preview('kept', 50)).rows).toEqual([[7, 'paid']]);
    const s3 = await open(csvFilterParquet('orders.csv', "status = 'open'", 'out.parquet'), dir);
    expect((await s3.preview('kept', 50)).rows).toEqual([[2, 'open']]);
    // Another page is another entry.
    expect((await s3.preview('kept', 50, 1)).rows).toEqual([]);
  });
});
