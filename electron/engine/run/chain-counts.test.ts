import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ProgressEvent } from '../api';
import type { BoundPlan } from '../bind/bind-views';
import { chainCounts } from './chain-counts';
import { freshDir, pipeline, sessionOpener } from '../test-support';

const open = sessionOpener();

describe('row counts of every node after a run', () => {
  it('gives source, filter, derive and sink each their own rows', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'in.csv'), `id,v\n${Array.from({ length: 10 }, (_, i) => `${i},${i * 10}`).join('\n')}\n`);
    const doc = pipeline(
      { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
      { id: 'kept', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: 'v >= 70' } },
      {
        id: 'more',
        type: 'transform.derive',
        inputs: { in: 'kept' },
        params: { columns: [{ name: 'w', expression: 'v * 2' }] },
      },
      { id: 'out', type: 'sink.parquet', inputs: { in: 'more' }, params: { path: 'out.parquet' } },
    );
    const s = await open(doc, dir);
    const events: ProgressEvent[] = [];
    const r = await s.run({ onProgress: (e) => events.push(e) });
    expect(r.ok).toBe(true);
    expect(r.nodes).toMatchObject({ src: { rows: 10 }, kept: { rows: 3 }, more: { rows: 3 }, out: { rows: 3 } });
    // The chain's time is the sink's: the nodes streamed in its query say so instead of repeating it.
    expect(r.nodes['src']?.streamed).toBe(true);
    expect(r.nodes['out']?.streamed).toBeUndefined();
    expect(events.find((e) => e.nodeId === 'kept' && e.status === 'done')).toMatchObject({ rows: 3, streamed: true });
  });
});

const NO_SHAPE = { soleInput: () => undefined, type: () => undefined };

describe('chainCounts', () => {
  const setup = async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run('CREATE VIEW a AS SELECT * FROM range(10)');
    await conn.run('CREATE VIEW b AS SELECT * FROM a WHERE range < 4');
    // Slow: a cross join of 20,000² rows, far over a 50 ms budget.
    await conn.run(
      "CREATE VIEW slow AS SELECT * FROM range(20000) x, range(20000) y WHERE md5(x.range::VARCHAR || y.range::VARCHAR) = ''",
    );
    // A file the views are said to read, over the size below which everything is counted (sparse: no bytes written).
    const big = join(freshDir(), 'big.csv');
    writeFileSync(big, '');
    truncateSync(big, 9 * 1024 * 1024);
    const step = (
      name: string,
      reads: Array<{ path: string; kind: 'file' | 'dir' }> = [{ path: big, kind: 'file' }],
    ) => ({ view: { name, sql: '' }, reads });
    const bound = {
      stepById: new Map([
        ['a', step('a')],
        ['b', step('b')],
        ['slow', step('slow')],
        ['dir', step('a', [{ path: '/tmp', kind: 'dir' }])],
        ['tiny', step('b', [])],
      ]),
    } as unknown as BoundPlan;
    return { conn, bound };
  };

  it('counts each view upstream first, within the budget', async () => {
    const { conn, bound } = await setup();
    expect(
      await chainCounts(conn, bound, NO_SHAPE, ['a', 'b'], new Map(), { budgetMs: 10_000, perCountMs: 0 }),
    ).toEqual(
      new Map([
        ['a', 10],
        ['b', 4],
      ]),
    );
    expect(await chainCounts(conn, bound, NO_SHAPE, ['a', 'b'], new Map(), { budgetMs: 0, perCountMs: 0 })).toEqual(
      new Map(),
    );
    // Counts expected to cost more than the budget are not started.
    expect(await chainCounts(conn, bound, NO_SHAPE, ['a', 'b'], new Map(), { budgetMs: 200, perCountMs: 300 })).toEqual(
      new Map(),
    );
  });

  it('interrupts a count over budget, keeps the counts made, and leaves the connection usable', async () => {
    const { conn, bound } = await setup();
    const started = performance.now();
    expect(
      await chainCounts(conn, bound, NO_SHAPE, ['a', 'slow', 'b'], new Map(), { budgetMs: 50, perCountMs: 0 }),
    ).toEqual(new Map([['a', 10]]));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect((await conn.runAndReadAll('SELECT 1')).getRowsJson()).toEqual([[1]]);
  });

  it("takes without counting what a sink wrote for its input, and a one-to-one node's rows for its input's", async () => {
    const { conn, bound } = await setup();
    const inputs: Record<string, string> = { b: 'a', d: 'b', s: 'd' };
    const types: Record<string, string> = {
      a: 'source.csv',
      b: 'transform.filter',
      d: 'transform.derive',
      s: 'sink.parquet',
    };
    const shape = { soleInput: (id: string) => inputs[id], type: (id: string) => types[id] };
    // No budget: nothing is counted, all is inferred from the sink's 4 rows; the source stays unknown (a filter is not one-to-one).
    expect(
      await chainCounts(conn, bound, shape, ['a', 'b', 'd'], new Map([['s', 4]]), { budgetMs: 0, perCountMs: 0 }),
    ).toEqual(
      new Map([
        ['d', 4],
        ['b', 4],
      ]),
    );
  });

  it('counts small data whole, whatever the budget', async () => {
    const { conn, bound } = await setup();
    expect(await chainCounts(conn, bound, NO_SHAPE, ['tiny'], new Map(), { budgetMs: 0, perCountMs: 1_000 })).toEqual(
      new Map([['tiny', 4]]),
    );
  });

  it('does not count a chain that reads a folder', async () => {
    const { conn, bound } = await setup();
    expect(
      await chainCounts(conn, bound, NO_SHAPE, ['a', 'dir'], new Map(), { budgetMs: 10_000, perCountMs: 0 }),
    ).toEqual(new Map());
  });
});
