import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineCaches } from '../session/engine-caches';
import { csvFilterParquet, freshDir, sessionOpener } from '../test-support';

// The caches a host would own: every session this file opens shares them.
const caches = engineCaches();
const open = sessionOpener(caches);
// Two other owners, as two hosts in one process.
const mine = engineCaches();
const theirs = engineCaches();
const openMine = sessionOpener(mine);
const openTheirs = sessionOpener(theirs);

function write(dir: string, body: string): void {
  writeFileSync(join(dir, 'orders.csv'), `id,status\n${body}`);
}

describe('preview cache', () => {
  it('serves an unchanged node from cache across sessions, even after an edit downstream', async () => {
    const dir = freshDir();
    write(dir, '1,paid\n2,open\n3,paid\n');
    const first = await open(csvFilterParquet('orders.csv', "status = 'paid'", 'a.parquet'), dir);
    const rows = (await first.preview('kept', 50)).rows;
    const before = caches.previews.hits;
    // The sink changed: a new session, but `kept` and its inputs did not.
    const second = await open(csvFilterParquet('orders.csv', "status = 'paid'", 'b.parquet'), dir);
    expect((await second.preview('kept', 50)).rows).toEqual(rows);
    expect(caches.previews.hits).toBe(before + 1);
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

  it('belongs to its owner: sessions with caches of their own share nothing', async () => {
    const dir = freshDir();
    write(dir, '1,paid\n');
    const a = await openMine(csvFilterParquet('orders.csv', "status = 'paid'", 'a.parquet'), dir);
    await a.preview('kept', 50);
    const b = await openTheirs(csvFilterParquet('orders.csv', "status = 'paid'", 'b.parquet'), dir);
    await b.preview('kept', 50);
    expect(theirs.previews.hits).toBe(0);
    const c = await openMine(csvFilterParquet('orders.csv', "status = 'paid'", 'c.parquet'), dir);
    await c.preview('kept', 50);
    expect(mine.previews.hits).toBe(1);
  });

  it("answers a chart or a profile of an unchanged node from the owner's cache in a new session; a changed file misses", async () => {
    const dir = freshDir();
    write(dir, '1,paid\n2,open\n3,paid\n');
    const spec = { type: 'bar', x: 'status', aggregate: 'count' } as const;
    const first = await open(csvFilterParquet('orders.csv', 'id > 0', 'a.parquet'), dir);
    const chart = await first.chart('kept', spec);
    const profile = await first.profile('kept');
    const [chartHits, profileHits] = [caches.charts.hits, caches.profiles.hits];
    // An edit downstream: a new session, `kept` unchanged.
    const second = await open(csvFilterParquet('orders.csv', 'id > 0', 'b.parquet'), dir);
    expect((await second.chart('kept', spec)).points).toEqual(chart.points);
    expect((await second.profile('kept')).columns).toEqual(profile.columns);
    expect([caches.charts.hits, caches.profiles.hits]).toEqual([chartHits + 1, profileHits + 1]);
    // Another chart of the same node is its own query.
    await second.chart('kept', { ...spec, x: 'id' });
    expect(caches.charts.hits).toBe(chartHits + 1);
    // The file rewritten: the next session charts and profiles the new rows.
    write(dir, '1,paid\n2,paid\n3,paid\n');
    const third = await open(csvFilterParquet('orders.csv', 'id > 0', 'b.parquet'), dir);
    expect((await third.chart('kept', spec)).points).not.toEqual(chart.points);
    expect((await third.profile('kept')).columns).not.toEqual(profile.columns);
    expect([caches.charts.hits, caches.profiles.hits]).toEqual([chartHits + 1, profileHits + 1]);
  });
});
