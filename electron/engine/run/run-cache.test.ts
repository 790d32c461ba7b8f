import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../api';
import { openPipeline } from '../index';
import { runCacheFileFor } from './run-cache';
import { csvFilterParquet, duck, freshDir, pipeline } from '../test-support';

/**
 * Runs with a run cache (ARCHITECTURE.md §5): a file sink whose inputs, views and
 * spec are unchanged, and whose target is still the file it wrote, is not
 * written again; anything else is.
 */

async function runOnce(doc: Parameters<typeof openPipeline>[0], dir: string, cache: string, force = false) {
  const s = await openPipeline(doc, { trust: 'trusted', baseDir: dir, threads: 1, runCacheFile: cache });
  try {
    const events: ProgressEvent[] = [];
    const r = await s.run({ onProgress: (e) => events.push(e), ...(force ? { force } : {}) });
    return { r, events };
  } finally {
    s.close();
  }
}

function identity(path: string): string {
  const s = statSync(path, { bigint: true });
  return `${String(s.ino)}:${String(s.mtimeNs)}`;
}

function setup() {
  const dir = freshDir('duto-run-cache-');
  writeFileSync(join(dir, 'in.csv'), 'id,v\n1,10\n2,20\n3,30\n');
  return { dir, cache: join(dir, 'cache', 'runs.json'), out: join(dir, 'out.parquet') };
}

describe('run cache', () => {
  it('does not write an unchanged sink again, and says so; the target is the same file', async () => {
    const { dir, cache, out } = setup();
    const doc = csvFilterParquet('in.csv', 'v >= 20', 'out.parquet');
    const first = await runOnce(doc, dir, cache);
    expect(first.r.outputs).toEqual([{ nodeId: 'out', path: out, rows: 2 }]);
    const written = identity(out);

    const second = await runOnce(doc, dir, cache);
    expect(second.r.ok).toBe(true);
    expect(second.r.outputs).toEqual([{ nodeId: 'out', path: out, rows: 2, cached: true }]);
    expect(second.events.filter((e) => e.status === 'running')).toEqual([]);
    expect(second.events.filter((e) => e.status === 'done').map((e) => [e.nodeId, e.cached])).toEqual([
      ['orders', true],
      ['kept', true],
      ['out', true],
    ]);
    expect(identity(out)).toBe(written);

    // --force writes it again.
    const forced = await runOnce(doc, dir, cache, true);
    expect(forced.r.outputs).toEqual([{ nodeId: 'out', path: out, rows: 2 }]);
    expect(identity(out)).not.toBe(written);
  });

  it('runs again when a source file, the pipeline or the target changed', async () => {
    const { dir, cache, out } = setup();
    const doc = csvFilterParquet('in.csv', 'v >= 20', 'out.parquet');
    await runOnce(doc, dir, cache);

    writeFileSync(join(dir, 'in.csv'), 'id,v\n1,10\n2,20\n3,30\n4,40\n');
    expect((await runOnce(doc, dir, cache)).r.outputs).toEqual([{ nodeId: 'out', path: out, rows: 3 }]);
    expect((await runOnce(doc, dir, cache)).r.outputs[0]?.cached).toBe(true);

    const edited = csvFilterParquet('in.csv', 'v >= 30', 'out.parquet');
    expect((await runOnce(edited, dir, cache)).r.outputs).toEqual([{ nodeId: 'out', path: out, rows: 2 }]);

    writeFileSync(out, 'someone else wrote here');
    expect((await runOnce(edited, dir, cache)).r.outputs).toEqual([{ nodeId: 'out', path: out, rows: 2 }]);
    expect(await duck(`SELECT count(*) FROM read_parquet('${out}')`)).toEqual([['2']]);

    rmSync(out);
    expect((await runOnce(edited, dir, cache)).r.outputs).toEqual([{ nodeId: 'out', path: out, rows: 2 }]);
  });

  it('of two sinks, writes only the one whose chain changed', async () => {
    const { dir, cache } = setup();
    const two = (condition: string) =>
      pipeline(
        { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
        { id: 'all', type: 'sink.csv', inputs: { in: 'src' }, params: { path: 'all.csv' } },
        { id: 'big', type: 'transform.filter', inputs: { in: 'src' }, params: { condition } },
        { id: 'big_out', type: 'sink.csv', inputs: { in: 'big' }, params: { path: 'big.csv' } },
      );
    await runOnce(two('v > 10'), dir, cache);
    const r = (await runOnce(two('v > 20'), dir, cache)).r;
    expect(r.outputs).toEqual([
      { nodeId: 'all', path: join(dir, 'all.csv'), rows: 3, cached: true },
      { nodeId: 'big_out', path: join(dir, 'big.csv'), rows: 1 },
    ]);
    expect(readFileSync(join(dir, 'big.csv'), 'utf8')).toBe('id,v\n3,30\n');
  });

  it('never takes a result with a volatile function from the cache', async () => {
    const { dir, cache } = setup();
    const doc = pipeline(
      { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
      {
        id: 'sample',
        type: 'transform.derive',
        inputs: { in: 'src' },
        params: { columns: [{ name: 'r', expression: 'random()' }] },
      },
      { id: 'out', type: 'sink.csv', inputs: { in: 'sample' }, params: { path: 'out.csv' } },
    );
    await runOnce(doc, dir, cache);
    expect((await runOnce(doc, dir, cache)).r.outputs[0]?.cached).toBeUndefined();
  });

  it('a damaged cache file is no cache: the run writes, and records anew', async () => {
    const { dir, cache, out } = setup();
    const doc = csvFilterParquet('in.csv', 'true', 'out.parquet');
    await runOnce(doc, dir, cache);
    writeFileSync(cache, '{ not json');
    expect((await runOnce(doc, dir, cache)).r.outputs).toEqual([{ nodeId: 'out', path: out, rows: 3 }]);
    expect((await runOnce(doc, dir, cache)).r.outputs[0]?.cached).toBe(true);
  });

  it('lives in the user cache folder, one file per pipeline path, never beside the pipeline', () => {
    const env = { XDG_CACHE_HOME: '/home/u/.cache', LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' };
    const a = runCacheFileFor('/work/p/a.duto.json', env);
    expect(a.startsWith(process.platform === 'win32' ? env.LOCALAPPDATA : '/home/u/.cache/duto/runs/')).toBe(true);
    expect(runCacheFileFor('/work/p/b.duto.json', env)).not.toBe(a);
    expect(runCacheFileFor('/work/p/../p/a.duto.json', env)).toBe(a);
  });
});
