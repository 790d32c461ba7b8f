import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PipelineSession } from '../api';
import { openPipeline } from '../session';
import { freshDir, pipeline } from '../test-support';
import type { JsonValue } from '../../../shared/format/json';

/** sink.delta through the engine: a run commits one version of the table, through the run session's sandboxed DuckDB. */

async function run(
  dir: string,
  csv: string,
  sink: Record<string, JsonValue>,
): Promise<Awaited<ReturnType<PipelineSession['run']>>> {
  const doc = pipeline(
    { id: 'rows', type: 'source.csv', params: { path: csv } },
    { id: 'lake', type: 'sink.delta', inputs: { in: 'rows' }, params: sink },
  );
  const s = await openPipeline(doc, { trust: 'trusted', baseDir: dir, threads: 1 });
  try {
    return await s.run();
  } finally {
    s.close();
  }
}

async function latest(dir: string, path: string): Promise<JsonValue[][]> {
  const s = await openPipeline(pipeline({ id: 't', type: 'source.delta', params: { path } }), {
    trust: 'trusted',
    baseDir: dir,
    threads: 1,
  });
  try {
    const p = await s.preview('t', 100);
    return p.rows.map((r) => [...r]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  } finally {
    s.close();
  }
}

describe('sink.delta', () => {
  it("creates, appends and overwrites versions, reported as the run's output", async () => {
    const dir = freshDir('duto-delta-sink-');
    writeFileSync(join(dir, 'a.csv'), 'id,name\n1,Ann\n2,Bob\n');
    writeFileSync(join(dir, 'b.csv'), 'id,name\n3,Cid\n');
    const first = await run(dir, 'a.csv', { path: 'lake/people', mode: 'create' });
    expect(first.diagnostics).toEqual([]);
    expect(first.outputs).toEqual([{ nodeId: 'lake', path: join(dir, 'lake', 'people'), rows: 2 }]);
    expect((await run(dir, 'b.csv', { path: 'lake/people' })).ok).toBe(true);
    expect(await latest(dir, 'lake/people')).toEqual([
      [1, 'Ann'],
      [2, 'Bob'],
      [3, 'Cid'],
    ]);
    expect((await run(dir, 'b.csv', { path: 'lake/people', mode: 'overwrite' })).ok).toBe(true);
    expect(await latest(dir, 'lake/people')).toEqual([[3, 'Cid']]);
    expect(readdirSync(join(dir, 'lake', 'people', '_delta_log')).filter((f) => f.endsWith('.json'))).toEqual([
      '00000000000000000000.json',
      '00000000000000000001.json',
      '00000000000000000002.json',
    ]);
  });

  it('refuses to create a table that exists, and rows with other columns, naming the node, param and columns', async () => {
    const dir = freshDir('duto-delta-sink-');
    writeFileSync(join(dir, 'a.csv'), 'id,name\n1,Ann\n');
    writeFileSync(join(dir, 'other.csv'), 'id,city\n1,Rio\n');
    expect((await run(dir, 'a.csv', { path: 't' })).ok).toBe(true);
    const again = await run(dir, 'a.csv', { path: 't', mode: 'create' });
    expect(again.ok).toBe(false);
    expect(again.diagnostics).toMatchObject([{ code: 'delta.exists', nodeId: 'lake', param: 'path' }]);
    const other = await run(dir, 'other.csv', { path: 't' });
    expect(other.ok).toBe(false);
    const d = other.diagnostics.find((x) => x.code === 'delta.schema');
    expect(d).toMatchObject({ nodeId: 'lake', param: 'path', variant: 'mismatch' });
    expect(d?.message).toContain('the rows have no column name');
    expect(d?.message).toContain('the table has no column city');
    // Nothing was committed, and the refused write left no data file behind.
    expect(readdirSync(join(dir, 't', '_delta_log')).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    expect(readdirSync(join(dir, 't')).filter((f) => f.endsWith('.parquet'))).toHaveLength(1);
  });

  it('merges on key columns into a partitioned table, read back by source.delta; a repeated key names the node and keys', async () => {
    const dir = freshDir('duto-delta-sink-');
    writeFileSync(join(dir, 'a.csv'), 'id,name,city\n1,Ann,Rio\n2,Bob,\n');
    writeFileSync(join(dir, 'b.csv'), 'id,name,city\n2,Bea,Rio\n3,Cid,Lima\n');
    writeFileSync(join(dir, 'dup.csv'), 'id,name,city\n4,Dan,Rio\n4,Dora,Rio\n');
    const first = await run(dir, 'a.csv', { path: 'lake/p', mode: 'merge', keys: ['id'], partitionBy: ['city'] });
    expect(first.diagnostics).toEqual([]);
    expect(readdirSync(join(dir, 'lake', 'p')).sort()).toEqual([
      '_delta_log',
      'city=Rio',
      'city=__HIVE_DEFAULT_PARTITION__',
    ]);
    expect((await run(dir, 'b.csv', { path: 'lake/p', mode: 'merge', keys: ['id'] })).ok).toBe(true);
    expect(await latest(dir, 'lake/p')).toEqual([
      [1, 'Ann', 'Rio'],
      [2, 'Bea', 'Rio'],
      [3, 'Cid', 'Lima'],
    ]);
    const dup = await run(dir, 'dup.csv', { path: 'lake/p', mode: 'merge', keys: ['id'] });
    expect(dup.ok).toBe(false);
    expect(dup.diagnostics).toMatchObject([{ code: 'delta.merge', nodeId: 'lake', param: 'keys' }]);
    expect(dup.diagnostics[0]?.message).toContain('(id) 4 ×2');
  });

  it('does not write into a folder that holds other files', async () => {
    const dir = freshDir('duto-delta-sink-');
    writeFileSync(join(dir, 'a.csv'), 'id\n1\n');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = await run(dir, 'a.csv', { path: '.' });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toMatchObject([{ code: 'sink.refused', variant: 'home', nodeId: 'lake', param: 'path' }]);
    expect(existsSync(join(dir, '_delta_log'))).toBe(false);
  });
});
