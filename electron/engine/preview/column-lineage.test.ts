import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../shared/format/document';
import { columnPath, type ColumnLineage, type NodeColumnLineage } from '../../../shared/lineage/column-lineage';
import { loadPipelineFile } from '../bind/load-file';
import { freshDir, sessionOpener } from '../test-support';

const open = sessionOpener();
const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');

/** Every pipeline under examples/, with the params it needs to bind here. */
function examplePipelines(): Array<{ file: string; param?: Record<string, string> }> {
  return readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(EXAMPLES, d.name))
        .filter((f) => f.endsWith('.duto.json'))
        .map((f) => ({ file: join(EXAMPLES, d.name, f) })),
    );
}

describe('column lineage of every example (golden)', () => {
  // iris-score reads the model iris-train writes (not in the repository): its columns depend on that run.
  const needsAnotherRun = new Set(['iris-score.duto.json']);
  for (const { file } of examplePipelines()) {
    it.skipIf(needsAnotherRun.has(basename(file)))(`${basename(dirname(file))}/${basename(file)}`, async () => {
      const golden = file.replace(/\.duto\.json$/, '.lineage.json');
      // The orchestration report reads what ingest writes: its staged orders are given here.
      const staged = freshDir('duto-col-lineage-');
      writeFileSync(join(staged, 'orders-staged.csv'), 'id,customer,amount\n1,ann,12.5\n');
      const doc = await loadPipelineFile(file);
      const params = doc.params !== undefined && 'out_dir' in doc.params ? { out_dir: staged } : undefined;
      const s = await open(doc, dirname(file), 2, params);
      const lineage = await s.columnLineage();
      const text = `${JSON.stringify(lineage, null, 2)}\n`;
      // DUTO_UPDATE_GOLDEN=1 writes them again (then review the diff).
      if (process.env['DUTO_UPDATE_GOLDEN'] === '1') writeFileSync(golden, text);
      expect(existsSync(golden), `${golden} is missing: run with DUTO_UPDATE_GOLDEN=1`).toBe(true);
      expect(lineage.outputs.length).toBeGreaterThan(0);
      // No example has SQL the lineage does not follow.
      expect(lineage.outputs.flatMap((o) => o.unknown)).toEqual([]);
      expect(text).toBe(readFileSync(golden, 'utf8'));
    });
  }

  it('orders-report: revenue is aggregated from the order amounts through the path of nodes', async () => {
    const file = join(EXAMPLES, 'orders-report', 'orders-report.duto.json');
    const s = await open(await loadPipelineFile(file), dirname(file));
    const l = await s.columnLineage();
    const revenue = l.outputs.find((o) => o.column === 'revenue');
    expect(revenue?.sources).toEqual([
      { node: 'orders', column: 'quantity', subtype: 'AGGREGATION' },
      { node: 'orders', column: 'unit_price', subtype: 'AGGREGATION' },
      { node: 'orders', column: 'discount', subtype: 'AGGREGATION' },
    ]);
    expect(revenue?.through).toEqual(['paid_orders', 'with_revenue', 'with_customer', 'by_month', 'sorted']);
    expect(l.outputs.find((o) => o.column === 'country')?.sources).toEqual([
      { node: 'customers', column: 'country', subtype: 'IDENTITY' },
    ]);
    // The filter's column decides rows, it makes no value.
    expect(l.nodes.find((n) => n.node === 'paid_orders')?.indirect).toEqual([
      { node: 'orders', column: 'status', type: 'INDIRECT', subtype: 'FILTER' },
    ]);
    // The path of a column on the canvas: the nodes that carry it, both ways.
    const path = columnPath(l, 'with_customer', 'country');
    expect(new Set(path.nodes)).toEqual(new Set(['customers', 'with_customer', 'by_month', 'sorted', 'report']));
    expect(path.wires).toContainEqual({ from: 'customers', to: 'with_customer' });
    expect(path.wires).not.toContainEqual({ from: 'with_revenue', to: 'with_customer' });
  });
});

/** Runs one custom SQL node over `a(id, name, amount)` and `b(id, name, city)` and returns its columns' lineage. */
async function sqlLineage(query: string): Promise<{ columns: NodeColumnLineage[]; lineage: ColumnLineage }> {
  const dir = freshDir('duto-col-lineage-');
  writeFileSync(join(dir, 'a.csv'), 'id,name,amount\n1,x,2.5\n');
  writeFileSync(join(dir, 'b.csv'), 'id,name,city\n1,y,Rio\n');
  const doc: PipelineDocument = {
    format: 'duto.pipeline',
    version: 2,
    nodes: [
      { id: 'a', type: 'source.csv', params: { path: 'a.csv' } },
      { id: 'b', type: 'source.csv', params: { path: 'b.csv' } },
      { id: 'q', type: 'transform.sql', inputs: { in: ['a', 'b'] }, params: { query } },
      { id: 'out', type: 'sink.csv', inputs: { in: 'q' }, params: { path: 'out.csv' } },
    ],
  };
  const s = await open(doc, dir);
  const lineage = await s.columnLineage();
  return { columns: lineage.nodes.find((n) => n.node === 'q')?.columns ?? [], lineage };
}
const direct = (c: NodeColumnLineage | undefined): Array<[string, string, string]> =>
  (c?.inputs ?? []).filter((i) => i.type === 'DIRECT').map((i) => [i.node, i.column, i.subtype]);

describe('column lineage of SQL', () => {
  it('a star with EXCLUDE and REPLACE, and a rename', async () => {
    const { columns } = await sqlLineage(
      'SELECT * EXCLUDE (name) REPLACE (amount * 2 AS amount), name AS label FROM a',
    );
    expect(columns.map((c) => c.column)).toEqual(['id', 'amount', 'label']);
    expect(direct(columns[0])).toEqual([['a', 'id', 'IDENTITY']]);
    expect(direct(columns[1])).toEqual([['a', 'amount', 'TRANSFORMATION']]);
    expect(direct(columns[2])).toEqual([['a', 'name', 'IDENTITY']]);
  });

  it('a join with same-named columns, by qualifier, and its keys as indirect inputs', async () => {
    const { columns, lineage } = await sqlLineage(
      'SELECT x.name, y.name AS other, x.id FROM a AS x JOIN b AS y ON x.id = y.id',
    );
    expect(columns.map(direct)).toEqual([
      [['a', 'name', 'IDENTITY']],
      [['b', 'name', 'IDENTITY']],
      [['a', 'id', 'IDENTITY']],
    ]);
    expect(lineage.nodes.find((n) => n.node === 'q')?.indirect).toEqual([
      { node: 'a', column: 'id', type: 'INDIRECT', subtype: 'JOIN' },
      { node: 'b', column: 'id', type: 'INDIRECT', subtype: 'JOIN' },
    ]);
  });

  it('a star over a USING join gives the key once', async () => {
    const { columns } = await sqlLineage('SELECT * FROM a JOIN b USING (id)');
    expect(columns.map((c) => c.column)).toEqual(['id', 'name', 'amount', 'name_1', 'city']);
    expect(direct(columns[3])).toEqual([['b', 'name', 'IDENTITY']]);
  });

  it('a union by position and by name', async () => {
    const byPosition = await sqlLineage('SELECT id, name FROM a UNION ALL SELECT id, city FROM b');
    expect(direct(byPosition.columns[1])).toEqual([
      ['a', 'name', 'IDENTITY'],
      ['b', 'city', 'IDENTITY'],
    ]);
    const byName = await sqlLineage('SELECT id, amount FROM a UNION ALL BY NAME SELECT city, id FROM b');
    expect(byName.columns.map((c) => [c.column, direct(c).map((d) => `${d[0]}.${d[1]}`)])).toEqual([
      ['id', ['a.id', 'b.id']],
      ['amount', ['a.amount']],
      ['city', ['b.city']],
    ]);
  });

  it('an aggregate, its grouping, and a window', async () => {
    const agg = await sqlLineage('SELECT name, sum(amount) AS total, count(*) AS n FROM a GROUP BY name');
    expect(agg.columns.map(direct)).toEqual([[['a', 'name', 'IDENTITY']], [['a', 'amount', 'AGGREGATION']], []]);
    expect(agg.lineage.nodes.find((n) => n.node === 'q')?.indirect).toEqual([
      { node: 'a', column: 'name', type: 'INDIRECT', subtype: 'GROUP_BY' },
    ]);
    const win = await sqlLineage(
      'SELECT id, row_number() OVER (PARTITION BY name ORDER BY amount) AS rn, sum(amount) OVER (PARTITION BY name) AS running FROM a',
    );
    expect(win.columns[1]?.inputs).toEqual([
      { node: 'a', column: 'name', type: 'INDIRECT', subtype: 'WINDOW' },
      { node: 'a', column: 'amount', type: 'INDIRECT', subtype: 'WINDOW' },
    ]);
    expect(direct(win.columns[2])).toEqual([['a', 'amount', 'AGGREGATION']]);
  });

  it('custom SQL with a CTE and a subquery, composed to the output', async () => {
    const { columns, lineage } = await sqlLineage(
      'WITH big AS (SELECT id, upper(name) AS who FROM a WHERE amount > 1) SELECT who, (SELECT max(city) FROM b WHERE b.id = big.id) AS city FROM big',
    );
    expect(direct(columns[0])).toEqual([['a', 'name', 'TRANSFORMATION']]);
    expect(direct(columns[1])).toEqual([['b', 'city', 'AGGREGATION']]);
    expect(
      lineage.outputs.map((o) => [o.column, o.sources.map((s) => `${s.node}.${s.column}:${s.subtype}`), o.through]),
    ).toEqual([
      ['who', ['a.name:TRANSFORMATION'], ['q']],
      ['city', ['b.city:AGGREGATION'], ['q']],
    ]);
  });

  it('what it does not follow is unknown, with the reason, never guessed', async () => {
    const { columns, lineage } = await sqlLineage('SELECT * FROM a NATURAL JOIN b');
    expect(columns.length).toBeGreaterThan(0);
    for (const c of columns) {
      expect(c.inputs).toEqual([]);
      expect(c.unknown).toBe('its SQL is not followed: a natural join');
    }
    expect(lineage.outputs.every((o) => o.unknown.length === 1 && o.unknown[0]?.startsWith('q: '))).toBe(true);
  });
});
