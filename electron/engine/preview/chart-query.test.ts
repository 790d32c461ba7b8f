import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DutoError } from '../../../shared/diagnostics';
import { chartSpecSchema } from '../../../shared/ipc/results';
import { str } from '../../../shared/sql/quote';
import { csvFilterParquet, duck, freshDir, sessionOpener } from '../test-support';
import { MAX_POINTS } from './chart-query';

const open = sessionOpener();

async function chartSession(rows: number) {
  const dir = freshDir('duto-chart-');
  const csv = join(dir, 'in.csv');
  // Odd column names: a quote inside one, a space inside another.
  await duck(
    `COPY (SELECT i AS id, i % 4 AS "a""b", CASE WHEN i % 2 = 0 THEN 'even' ELSE 'odd' END AS "kind of", (i % 10) * 2.5 AS amount FROM range(${String(rows)}) t(i)) TO ${str(csv)} (HEADER, DELIMITER ',')`,
  );
  return { s: await open(csvFilterParquet('in.csv', 'true', 'out.parquet'), dir), csv };
}

describe('chart queries', () => {
  it('aggregates y per x and per color in SQL, as direct SQL does, with odd column names quoted', async () => {
    const { s, csv } = await chartSession(1000);
    const bar = await s.chart(
      'kept',
      chartSpecSchema.parse({ type: 'bar', x: 'a"b', y: 'amount', color: 'kind of', aggregate: 'sum' }),
    );
    const direct = await duck(
      `SELECT CAST("a""b" AS VARCHAR), "kind of", sum(amount)::DOUBLE FROM read_csv(${str(csv)}) GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(bar.points.map((p) => [p.x, p.series, p.y])).toEqual(direct);
    expect(bar.capped).toBe(false);

    const counted = await s.chart('kept', chartSpecSchema.parse({ type: 'line', x: 'a"b' }));
    expect(counted.points.map((p) => [p.x, p.y])).toEqual([
      ['0', 250],
      ['1', 250],
      ['2', 250],
      ['3', 250],
    ]);

    const box = await s.chart('kept', chartSpecSchema.parse({ type: 'boxplot', x: 'kind of', y: 'amount' }));
    expect(box.points.map((p) => [p.x, p.box])).toEqual([
      ['even', [0, 5, 10, 15, 20]],
      ['odd', [2.5, 7.5, 12.5, 17.5, 22.5]],
    ]);

    const heat = await s.chart('kept', chartSpecSchema.parse({ type: 'heatmap', x: 'a"b', y: 'kind of' }));
    expect(heat.points.filter((p) => p.value !== null && p.value !== undefined && p.value > 0)).toHaveLength(4);

    const hist = await s.chart('kept', chartSpecSchema.parse({ type: 'histogram', x: 'amount' }));
    expect(hist.points.reduce((a, p) => a + Number(p.y), 0)).toBe(1000);

    await expect(s.chart('kept', chartSpecSchema.parse({ type: 'bar', x: 'nope' }))).rejects.toBeInstanceOf(DutoError);
    await expect(
      s.chart('kept', chartSpecSchema.parse({ type: 'bar', x: 'id', aggregate: 'sum' })),
    ).rejects.toBeInstanceOf(DutoError);
  });

  it('caps the points sent and samples a large scatter repeatably', async () => {
    const { s } = await chartSession(12_000);
    const bar = await s.chart('kept', chartSpecSchema.parse({ type: 'bar', x: 'id' }));
    expect(bar.points).toHaveLength(MAX_POINTS);
    expect(bar.capped).toBe(true);
    const scatter = await s.chart('kept', chartSpecSchema.parse({ type: 'scatter', x: 'id', y: 'amount' }));
    expect(scatter.points).toHaveLength(MAX_POINTS);
    expect(scatter.sampled).toBe(true);
    const again = await s.chart('kept', chartSpecSchema.parse({ type: 'scatter', x: 'id', y: 'amount' }));
    expect(again.points).toEqual(scatter.points);
    // A sample, not the first rows.
    expect(Math.max(...scatter.points.map((p) => Number(p.x)))).toBeGreaterThan(MAX_POINTS);
  });

  it('a saved chart naming a column the node lacks is a design-time warning, and the pipeline still opens', async () => {
    const dir = freshDir('duto-chart-');
    await duck(
      `COPY (SELECT i AS id, i * 2 AS amount FROM range(10) t(i)) TO ${str(join(dir, 'in.csv'))} (HEADER, DELIMITER ',')`,
    );
    const doc = csvFilterParquet('in.csv', 'true', 'out.parquet');
    const kept = doc.nodes[1];
    if (kept === undefined) throw new Error('fixture');
    doc.nodes[1] = { ...kept, charts: [{ title: 'By gone', type: 'bar', x: 'gone', y: 'amount', aggregate: 'sum' }] };
    const s = await open(doc, dir);
    const v = await s.validate();
    expect(v.ok).toBe(true);
    const w = v.diagnostics.filter((d) => d.code === 'node.unknown-column');
    expect(w.map((d) => [d.severity, d.nodeId, d.message])).toEqual([
      ['warning', 'kept', 'node "kept": chart "By gone" names unknown column "gone" (its x); the chart is kept'],
    ]);
  });
});
