import { cpSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPipeline } from '../session';
import { freshDir, pipeline } from '../test-support';
import type { JsonValue } from '../../../shared/format/json';

/** source.delta through the engine: each version of a table a pipeline wrote reads back exactly, by number and by time. */

const TABLES = resolve(__dirname, 'test-tables');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function write(dir: string, csv: string, mode: string): Promise<void> {
  const doc = pipeline(
    { id: 'rows', type: 'source.csv', params: { path: csv } },
    { id: 'lake', type: 'sink.delta', inputs: { in: 'rows' }, params: { path: 'lake/t', mode } },
  );
  const s = await openPipeline(doc, { trust: 'trusted', baseDir: dir, threads: 1 });
  try {
    const r = await s.run();
    expect(r.diagnostics).toEqual([]);
  } finally {
    s.close();
  }
}

async function read(dir: string, params: Record<string, JsonValue>) {
  const s = await openPipeline(pipeline({ id: 'src', type: 'source.delta', params }), {
    trust: 'trusted',
    baseDir: dir,
    threads: 1,
  });
  try {
    const v = await s.validate();
    if (!v.ok) return { diagnostics: v.diagnostics };
    const p = await s.preview('src', 1000);
    return {
      columns: (await s.schema('src')).columns,
      rows: p.rows.map((r) => [...r]).sort((a, b) => Number(a[0]) - Number(b[0])),
      diagnostics: v.diagnostics,
    };
  } finally {
    s.close();
  }
}

describe('source.delta', () => {
  it('reads every version a pipeline wrote (create, append, append, overwrite), by version and by time', async () => {
    const dir = freshDir('duto-delta-source-');
    const batches = [['1,a', '2,b'], ['3,c'], ['4,d', '5,e'], ['9,z']];
    batches.forEach((b, i) => writeFileSync(join(dir, `b${i}.csv`), `id,tag\n${b.join('\n')}\n`));
    const times: number[] = [];
    for (const [i, mode] of ['create', 'append', 'append', 'overwrite'].entries()) {
      await write(dir, `b${i}.csv`, mode);
      await sleep(15);
      times.push(Date.now());
      await sleep(15);
    }
    const expected = [
      [
        [1, 'a'],
        [2, 'b'],
      ],
      [
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
      ],
      [
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
        [4, 'd'],
        [5, 'e'],
      ],
      [[9, 'z']],
    ];
    for (const [v, rows] of expected.entries()) {
      expect((await read(dir, { path: 'lake/t', version: v })).rows, `version ${v}`).toEqual(rows);
      expect(
        (await read(dir, { path: 'lake/t', timestamp: new Date(times[v] ?? 0).toISOString() })).rows,
        `as of version ${v}'s time`,
      ).toEqual(rows);
    }
    const latest = await read(dir, { path: 'lake/t' });
    expect(latest.rows).toEqual(expected[3]);
    // The table's own schema, at design time like any source's.
    expect(latest.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'tag', type: 'VARCHAR' },
    ]);
  });

  it('reads tables other engines wrote: partitions, checkpoints, column mapping', async () => {
    const dir = freshDir('duto-delta-source-');
    cpSync(TABLES, join(dir, 'tables'), { recursive: true });
    const partitioned = await read(dir, { path: 'tables/delta-0.8.0-partitioned' });
    expect(partitioned.diagnostics).toEqual([]);
    expect(partitioned.columns?.map((c) => c.name)).toEqual(['value', 'year', 'month', 'day']);
    expect(partitioned.rows?.length).toBeGreaterThan(0);
    const checkpointed = await read(dir, { path: 'tables/simple_table_with_checkpoint' });
    expect(checkpointed.diagnostics).toEqual([]);
    expect(checkpointed.rows?.length).toBeGreaterThan(0);
    expect((await read(dir, { path: 'tables/table_with_column_mapping' })).diagnostics).toEqual([]);
  });

  it('says what is wrong on the node and the param: not a table, no such version or time, both given, a feature it cannot read', async () => {
    const dir = freshDir('duto-delta-source-');
    cpSync(join(TABLES, 'simple_table'), join(dir, 'simple'), { recursive: true });
    cpSync(join(TABLES, 'table-with-dv-small'), join(dir, 'dv'), { recursive: true });
    const problems = async (params: Record<string, JsonValue>) =>
      (await read(dir, params)).diagnostics.map((d) => ({ nodeId: d.nodeId, param: d.param, message: d.message }));
    // The engine's refusal keeps its code and arguments (it reads in the user's language).
    expect((await read(dir, { path: 'simple', version: 99 })).diagnostics).toMatchObject([
      { code: 'delta.version', args: { version: 99 } },
    ]);
    expect(await problems({ path: 'nowhere' })).toEqual([
      { nodeId: 'src', param: 'path', message: expect.stringContaining('is not a Delta table') },
    ]);
    expect(await problems({ path: 'simple', version: 99 })).toEqual([
      {
        nodeId: 'src',
        param: 'version',
        message: expect.stringMatching(/has no version 99 \(versions 0 to \d+ can be read\)/),
      },
    ]);
    expect(await problems({ path: 'simple', timestamp: '2001-01-01T00:00:00Z' })).toEqual([
      {
        nodeId: 'src',
        param: 'timestamp',
        message: expect.stringContaining('has no version at or before 2001-01-01T00:00:00.000Z'),
      },
    ]);
    expect(await problems({ path: 'simple', timestamp: 'yesterday' })).toEqual([
      { nodeId: 'src', param: 'timestamp', message: expect.stringContaining('is not a timestamp') },
    ]);
    expect(await problems({ path: 'simple', version: 0, timestamp: '2030-01-01' })).toEqual([
      { nodeId: 'src', param: 'timestamp', message: expect.stringContaining('not both') },
    ]);
    expect(await problems({ path: 'dv' })).toEqual([
      { nodeId: 'src', param: 'path', message: expect.stringContaining('deletionVectors') },
    ]);
  });
});
