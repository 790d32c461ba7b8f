import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { str } from '../../../shared/sql/quote';
import { csvFilterParquet, duck, freshDir, sessionOpener } from '../test-support';

const open = sessionOpener();

describe('profile distributions', () => {
  it('bins numbers and dates and counts top values over the whole output, as direct SQL does', async () => {
    const dir = freshDir('duto-profile-dist-');
    const csv = join(dir, 'in.csv');
    // 3,000 rows: an integer 0..2999, a skewed double, a date over ~8 months, a text with a quote in its name.
    await duck(
      `COPY (SELECT i AS id, (i % 97) * 1.5 + CASE WHEN i % 10 = 0 THEN 1000 ELSE 0 END AS amount, DATE '2024-01-01' + (i % 240)::INTEGER AS day, CASE WHEN i % 3 = 0 THEN 'red' WHEN i % 5 = 0 THEN 'green' ELSE 'blue' END AS "a""b" FROM range(3000) t(i)) TO ${str(csv)} (HEADER, DELIMITER ',')`,
    );
    const s = await open(csvFilterParquet('in.csv', 'true', 'out.parquet'), dir);
    const p = await s.profile('kept');
    const col = (name: string) => p.columns.find((c) => c.name === name)?.distribution;

    const id = col('id');
    expect(id?.kind).toBe('number');
    if (id?.kind !== 'number') throw new Error('id is not binned');
    expect(id.bins).toHaveLength(30);
    expect(id.bins.reduce((a, b) => a + b.count, 0)).toBe(3000);
    expect(id.bins.every((b) => b.count === 100)).toBe(true);
    expect([id.bins[0]?.lo, id.bins[29]?.hi]).toEqual(['0', '3000']);

    const amount = col('amount');
    if (amount?.kind !== 'number') throw new Error('amount is not binned');
    expect(amount.last).toBe('closed');
    // Each bin's count is the count of a direct range query over the same file.
    for (const b of [amount.bins[0], amount.bins[5], amount.bins[29]]) {
      if (b === undefined) throw new Error('missing bin');
      const upper = b === amount.bins[29] ? '<=' : '<';
      const n = (
        await duck(
          `SELECT count(*)::INTEGER FROM read_csv(${str(csv)}) WHERE amount >= ${b.lo} AND amount ${upper} ${b.hi}`,
        )
      )[0]?.[0];
      expect(b.count).toBe(n);
    }

    const day = col('day');
    if (day?.kind !== 'time') throw new Error('day is not binned by time');
    expect(day.unit).toBe('month'); // 240 days: 35 weeks is too many bins
    expect(day.bins.map((b) => b.lo).slice(0, 2)).toEqual(['2024-01-01', '2024-02-01']);
    expect(day.bins[0]?.lo).toBe('2024-01-01');
    expect(day.bins.reduce((a, b) => a + b.count, 0)).toBe(3000);
    const firstWeek = (
      await duck(
        `SELECT count(*)::INTEGER FROM read_csv(${str(csv)}) WHERE day >= DATE ${str(day.bins[0]?.lo ?? '')} AND day < DATE ${str(day.bins[0]?.hi ?? '')}`,
      )
    )[0]?.[0];
    expect(day.bins[0]?.count).toBe(firstWeek);

    const text = col('a"b');
    if (text?.kind !== 'top') throw new Error('a"b has no top values');
    const direct = await duck(
      `SELECT "a""b", count(*)::INTEGER AS n FROM read_csv(${str(csv)}) GROUP BY 1 ORDER BY n DESC, 1`,
    );
    expect(text.values.map((v) => [v.value, v.count])).toEqual(direct);
    expect(text.more).toBe(false);

    // Quartiles and spread come with the summary.
    const stats = p.columns.find((c) => c.name === 'id');
    expect(Number(stats?.q25)).toBeGreaterThan(600);
    expect(Number(stats?.q75)).toBeLessThan(2400);
    expect(Number(stats?.std)).toBeGreaterThan(800);
  });

  it('gives a column without values no distribution and a single-valued one one bin', async () => {
    const dir = freshDir('duto-profile-dist-');
    writeFileSync(join(dir, 'in.csv'), 'x,y\n5,\n5,\n');
    const s = await open(csvFilterParquet('in.csv', 'true', 'out.parquet'), dir);
    const p = await s.profile('kept');
    const x = p.columns.find((c) => c.name === 'x')?.distribution;
    expect(x?.kind === 'number' ? x.bins : null).toEqual([{ lo: '5', hi: '6', count: 2 }]);
    const y = p.columns.find((c) => c.name === 'y');
    expect(y?.nullPercent).toBe(100);
    expect(y?.distribution === undefined || (y.distribution.kind === 'top' && y.distribution.values.length === 0)).toBe(
      true,
    );
  });
});
