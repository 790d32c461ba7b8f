import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CUT_DEPTH, RUN_DEPTH } from './deep-chains';
import { freshDir, pipeline, sessionOpener } from '../test-support';

const open = sessionOpener();

/** A CSV source and `length` nodes below it, alternately a filter and a derive adding 1 to k. */
type Spec = Parameters<typeof pipeline>[number];

function chain(length: number): { nodes: Spec[]; last: string } {
  const nodes: Spec[] = [{ id: 'src', type: 'source.csv', params: { path: 'in.csv' } }];
  let prev = 'src';
  for (let i = 0; i < length; i++) {
    const id = `n${String(i)}`;
    nodes.push(
      i % 2 === 0
        ? { id, type: 'transform.filter', inputs: { in: prev }, params: { condition: 'id >= 0' } }
        : {
            id,
            type: 'transform.derive',
            inputs: { in: prev },
            params: { columns: [{ name: 'k', expression: 'k + 1' }] },
          },
    );
    prev = id;
  }
  return { nodes, last: prev };
}

function writeRows(dir: string, rows: number): void {
  writeFileSync(
    join(dir, 'in.csv'),
    `id,k\n${Array.from({ length: rows }, (_, i) => `${String(i)},${String(i % 7)}`).join('\n')}\n`,
  );
}

describe('chains longer than DuckDB nests', () => {
  it("cuts while binding, heals soft cuts and fills hard ones before reading: previews and runs see every node's real rows", async () => {
    expect(CUT_DEPTH).toBeLessThan(RUN_DEPTH);
    const length = 2 * RUN_DEPTH + 50;
    const derives = length / 2;
    const dir = freshDir();
    writeRows(dir, 50);
    const { nodes, last } = chain(length);
    const s = await open(
      pipeline(...nodes, { id: 'out', type: 'sink.csv', inputs: { in: last }, params: { path: 'out.csv' } }),
      dir,
    );
    expect((await s.validate()).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    // Below two hard cuts: the k of row 1 (1 % 7) plus one per derive.
    const first = await s.preview(last, 3);
    expect(first.rows.map((r) => r[1])).toEqual([0 + derives, 1 + derives, 2 + derives]);
    // A node between two cuts reads the healed chain above it.
    const middle = await s.preview(`n${String(RUN_DEPTH + 9)}`, 1);
    expect(middle.rows[0]?.[1]).toBe((RUN_DEPTH + 10) / 2);

    const r = await s.run();
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    const written = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
    expect(written).toHaveLength(51);
    expect(written[2]).toBe(`1,${String(1 + derives)}`);
  }, 120_000);

  it('fills a hard cut again at each read: a changed file is seen below it', async () => {
    const dir = freshDir();
    writeRows(dir, 5);
    const { nodes, last } = chain(RUN_DEPTH + 20);
    const s = await open(
      pipeline(...nodes, { id: 'out', type: 'sink.csv', inputs: { in: last }, params: { path: 'out.csv' } }),
      dir,
    );
    expect((await s.run()).ok).toBe(true);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n')).toHaveLength(6);
    writeRows(dir, 9);
    expect((await s.run({ force: true })).ok).toBe(true);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n')).toHaveLength(10);
  }, 120_000);

  it('names the node whose rows fail, above or below a cut', async () => {
    const dir = freshDir();
    writeRows(dir, 20);
    const { nodes } = chain(RUN_DEPTH + 20);
    // A derive just above the hard cut fails on one row.
    const bad = `n${String(RUN_DEPTH - 5)}`;
    const patched = nodes.map((n) =>
      n.id === bad
        ? {
            ...n,
            params: { columns: [{ name: 'k', expression: "CASE WHEN id = 13 THEN 'x' ELSE k::VARCHAR END::INTEGER" }] },
          }
        : n,
    );
    const last = nodes[nodes.length - 1]?.id ?? '';
    const s = await open(
      pipeline(...patched, { id: 'out', type: 'sink.csv', inputs: { in: last }, params: { path: 'out.csv' } }),
      dir,
    );
    const r = await s.run();
    expect(r.ok).toBe(false);
    expect(r.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ nodeId: bad });
  }, 120_000);
});
