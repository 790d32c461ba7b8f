import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { DutoError } from '../../shared/diagnostics';
import type { ProgressEvent } from './api';
import { bigCsv, csvFilterParquet, duck, freshDir, pipeline, sessionOpener, tempEntries } from './test-support';

const here = dirname(fileURLToPath(import.meta.url));
const open = sessionOpener();

/** A slow condition: keeps every row but costs a few hashes per row. */
const SLOW = 'length(md5(md5(md5(md5(h))))) = 32';

let bigDir = '';
beforeAll(async () => {
  bigDir = freshDir('duto-engine-big-');
  await bigCsv(join(bigDir, 'big.csv'), 1_200_000);
});

function smallCsv(dir: string): void {
  writeFileSync(join(dir, 'in.csv'), 'id,name,v\n1,a,10\n2,b,20\n3,c,30\n');
}

describe('run', () => {
  it('writes Parquet atomically and reports rows and progress', async () => {
    const dir = freshDir();
    smallCsv(dir);
    const s = await open(csvFilterParquet('in.csv', 'v >= 20', 'out/result.parquet'), dir);
    const events: ProgressEvent[] = [];
    const r = await s.run({ onProgress: (e) => events.push(e) });
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    const target = join(dir, 'out', 'result.parquet');
    expect(r.outputs).toEqual([{ nodeId: 'out', path: target, rows: 2 }]);
    expect(await duck(`SELECT id, name, v FROM read_parquet('${target}') ORDER BY id`)).toEqual([
      ['2', 'b', '20'],
      ['3', 'c', '30'],
    ]);
    expect(r.nodes).toMatchObject({
      orders: { status: 'done' },
      kept: { status: 'done' },
      out: { status: 'done', rows: 2 },
    });
    const seq = events.filter((e) => e.nodeId === 'kept' && e.progress === undefined).map((e) => e.status);
    expect(seq).toEqual(['pending', 'running', 'done']);
    expect(tempEntries(join(dir, 'out'))).toEqual([]);
  });

  it('runs until a non-sink node: verifies it and reports its rows, writes nothing', async () => {
    const dir = freshDir();
    smallCsv(dir);
    const s = await open(csvFilterParquet('in.csv', 'v >= 20', 'result.parquet'), dir);
    const r = await s.run({ until: 'kept' });
    expect(r.ok).toBe(true);
    expect(r.nodes['kept']).toMatchObject({ status: 'done', rows: 2 });
    expect(r.nodes['out']).toBeUndefined();
    expect(existsSync(join(dir, 'result.parquet'))).toBe(false);
  });

  it('replaces a partitioned folder as a whole', async () => {
    const dir = freshDir();
    smallCsv(dir);
    const doc = csvFilterParquet('in.csv', 'true', 'lake', {}, { partitionBy: ['name'] });
    const s1 = await open(doc, dir);
    expect((await s1.run()).ok).toBe(true);
    expect(existsSync(join(dir, 'lake', 'name=a'))).toBe(true);
    writeFileSync(join(dir, 'in.csv'), 'id,name,v\n9,z,1\n');
    const s2 = await open(doc, dir);
    const r = await s2.run();
    expect(r.ok).toBe(true);
    expect(existsSync(join(dir, 'lake', 'name=a'))).toBe(false);
    expect(existsSync(join(dir, 'lake', 'name=z'))).toBe(true);
    expect(tempEntries(dir)).toEqual([]);
  });

  it('mode fail refuses an existing target before running', async () => {
    const dir = freshDir();
    smallCsv(dir);
    writeFileSync(join(dir, 'result.parquet'), 'previous');
    const s = await open(csvFilterParquet('in.csv', 'true', 'result.parquet', {}, { mode: 'fail' }), dir);
    const r = await s.run();
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ code: 'sink.exists', nodeId: 'out', param: 'path' });
    expect(readFileSync(join(dir, 'result.parquet'), 'utf8')).toBe('previous');
  });

  it('a sink that fails late leaves the previous output byte-identical and no temporary file', async () => {
    const dir = freshDir();
    const lines = ['id,n'];
    for (let i = 0; i < 50_000; i++) lines.push(`${i},${i}`);
    lines.push('50000,oops');
    writeFileSync(join(dir, 'in.csv'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'result.parquet'), 'previous output');
    const s = await open(
      csvFilterParquet('in.csv', 'CAST(n AS INTEGER) >= 0', 'result.parquet', { allColumnsText: true }),
      dir,
    );
    const r = await s.run();
    expect(r.ok).toBe(false);
    // The filter's CAST fails, not the sink: the run names it.
    expect(r.diagnostics[0]).toMatchObject({ code: 'node.conversion', nodeId: 'kept' });
    expect(r.diagnostics[0]?.message).toContain('oops');
    expect(r.nodes['out']?.status).toBe('failed');
    expect(readFileSync(join(dir, 'result.parquet'), 'utf8')).toBe('previous output');
    expect(tempEntries(dir)).toEqual([]);
  });

  it('malformed CSV reports the file and the line', async () => {
    const dir = freshDir();
    const lines = ['a,b'];
    for (let i = 0; i < 30_000; i++) lines.push(`${i},x`);
    lines.push('5,y,z');
    writeFileSync(join(dir, 'in.csv'), `${lines.join('\n')}\n`);
    const s = await open(csvFilterParquet('in.csv', 'true', 'result.parquet', { badRows: 'fail' }), dir);
    const r = await s.run();
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({
      code: 'source.malformed',
      nodeId: 'orders',
      param: 'path',
      file: join(dir, 'in.csv'),
      line: 30_002,
    });
    expect(r.nodes['orders']?.status).toBe('failed');
    // Set aside (the default), the same row is counted with its line, and the rest is written.
    const q = await open(csvFilterParquet('in.csv', 'true', 'result.parquet'), dir);
    const ok = await q.run();
    expect(ok.ok).toBe(true);
    expect(ok.rejected).toEqual([{ nodeId: 'orders', rows: 1, policy: 'quarantine' }]);
    expect(ok.diagnostics.find((d) => d.code === 'source.rejected')?.message).toMatch(
      /^1 of 30,001 rows set aside .*line 30002/,
    );
  });

  it('a short CSV with one row too long is an error, never rows read from the wrong place', async () => {
    // Left to DuckDB's sniffer, the first rows pass for a preamble and "3,z,w" for the header. Duto types
    // the columns itself from the first record, so the columns are a and b, and the long row is the error.
    const dir = freshDir();
    writeFileSync(join(dir, 'in.csv'), 'a,b\n1,x\n2,y\n3,z,w\n');
    const s = await open(csvFilterParquet('in.csv', 'true', 'result.parquet', { badRows: 'fail' }), dir);
    expect((await s.schema('orders')).columns.map((c) => c.name)).toEqual(['a', 'b']);
    const r = await s.run();
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({
      code: 'source.malformed',
      nodeId: 'orders',
      param: 'path',
      file: join(dir, 'in.csv'),
      line: 4,
    });
  });

  it('cancellation mid-run leaves the previous output intact', async () => {
    const out = join(freshDir(), 'result.parquet');
    writeFileSync(out, 'previous output');
    const s = await open(csvFilterParquet(join(bigDir, 'big.csv'), SLOW, out), bigDir, 1);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const r = await s.run({ signal: ac.signal });
    expect(r.cancelled).toBe(true);
    expect(r.ok).toBe(false);
    expect(r.nodes['out']?.status).toBe('cancelled');
    expect(readFileSync(out, 'utf8')).toBe('previous output');
    expect(tempEntries(dirname(out))).toEqual([]);
  });

  it('a value error that shows only while running is reported on the node that caused it, not on the sink', async () => {
    const dir = freshDir();
    const rows = ['id,code'];
    for (let i = 0; i < 300_000; i++) rows.push(`${String(i)},x${i === 250_000 ? 'n/a' : String(i)}`);
    writeFileSync(join(dir, 'in.csv'), `${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'out.parquet'), 'previous output');
    const s = await open(
      pipeline(
        { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
        {
          id: 'num',
          type: 'transform.derive',
          inputs: { in: 'src' },
          params: { columns: [{ name: 'n', expression: 'CAST(substr(code, 2) AS INTEGER)' }] },
        },
        { id: 'big', type: 'transform.filter', inputs: { in: 'num' }, params: { condition: 'id >= 0' } },
        { id: 'out', type: 'sink.parquet', inputs: { in: 'big' }, params: { path: 'out.parquet' } },
      ),
      dir,
    );
    // The first rows are fine: design time cannot see it.
    expect((await s.validate()).ok).toBe(true);
    const r = await s.run();
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'node.conversion',
        message: "Could not convert string 'n/a' to INT32",
        args: { detail: "Could not convert string 'n/a' to INT32" },
        nodeId: 'num',
      },
    ]);
    expect(r.nodes).toMatchObject({
      src: { status: 'skipped' },
      num: { status: 'failed' },
      big: { status: 'skipped' },
      out: { status: 'failed' },
    });
    expect(readFileSync(join(dir, 'out.parquet'), 'utf8')).toBe('previous output');
  });

  it('a preview that meets such an error names the node above that raised it', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'in.csv'), 'id,code\n1,x1\n2,xn/a\n3,x3\n');
    const s = await open(
      pipeline(
        { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
        {
          id: 'num',
          type: 'transform.derive',
          inputs: { in: 'src' },
          params: { columns: [{ name: 'n', expression: 'CAST(substr(code, 2) AS INTEGER)' }] },
        },
        { id: 'big', type: 'transform.filter', inputs: { in: 'num' }, params: { condition: 'id >= 0' } },
      ),
      dir,
    );
    const e = await s.preview('big', 10).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DutoError);
    expect(e instanceof DutoError ? e.diagnostics : []).toEqual([
      {
        severity: 'error',
        code: 'node.conversion',
        message: `Could not convert string 'n/a' to INT32 (raised by "num", above this node)`,
        args: { detail: "Could not convert string 'n/a' to INT32" },
        raisedBy: 'num',
        nodeId: 'num',
      },
    ]);
  });

  it('a cancel at any moment either stops the run before the target is touched, or finds it done', async () => {
    const dir = freshDir();
    await bigCsv(join(dir, 'mid.csv'), 60_000);
    const out = join(dir, 'result.parquet');
    const s = await open(csvFilterParquet('mid.csv', 'true', 'result.parquet'), dir, 1);
    const outcomes = new Set<string>();
    for (const delay of [0, 0, 1, 2, 3, 5, 8, 12, 20, 30, 50, 80]) {
      writeFileSync(out, 'previous output');
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), delay);
      const r = await s.run({ signal: ac.signal });
      clearTimeout(timer);
      // Never "cancelled" with the target replaced, nor "done" with it untouched.
      if (r.cancelled) {
        expect(readFileSync(out, 'utf8')).toBe('previous output');
        expect(r.nodes['out']?.status).toBe('cancelled');
      } else {
        expect(r.ok).toBe(true);
        expect(await duck(`SELECT count(*) FROM read_parquet('${out}')`)).toEqual([['60000']]);
      }
      expect(tempEntries(dir)).toEqual([]);
      outcomes.add(r.cancelled ? 'cancelled' : 'done');
    }
    expect(outcomes.has('cancelled')).toBe(true);
  });

  it('a process killed during a sink write leaves the previous output intact; the next run sweeps the orphan', async () => {
    const cacheDir = resolve(here, '../../node_modules/.cache/duto-engine-test');
    mkdirSync(cacheDir, { recursive: true });
    const child = join(cacheDir, 'run-child.mjs');
    await build({
      entryPoints: [join(here, 'test-fixtures/run-child.ts')],
      outfile: child,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // onnxruntime-node is native: it loads from node_modules, as in scripts/build.mjs.
      external: ['@duckdb/node-api', 'onnxruntime-node'],
      // The connectors' CommonJS libraries require Node built-ins: give the ESM bundle a require (as scripts/build.mjs does).
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'warning',
    });
    const dir = freshDir();
    const out = join(dir, 'result.parquet');
    writeFileSync(out, 'previous output');
    const pipelineFile = join(dir, 'p.duto.json');
    writeFileSync(pipelineFile, JSON.stringify(csvFilterParquet(join(bigDir, 'big.csv'), SLOW, 'result.parquet')));

    const proc = spawn(process.execPath, [child, pipelineFile, '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<NodeJS.Signals | null>((res) => proc.on('exit', (_code, signal) => res(signal)));
    // Wait until DuckDB has started writing the temporary file, then kill.
    const deadline = Date.now() + 20_000;
    let seen = false;
    while (Date.now() < deadline && proc.exitCode === null) {
      const tmp = tempEntries(dir)[0];
      if (tmp !== undefined && statSync(join(dir, tmp)).size > 0) {
        seen = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(stderr).toBe('');
    expect(seen).toBe(true);
    proc.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(readFileSync(out, 'utf8')).toBe('previous output');
    expect(tempEntries(dir)).toHaveLength(1);

    const s = await open(csvFilterParquet(join(bigDir, 'big.csv'), 'k = 0', 'result.parquet'), dir);
    const r = await s.run();
    expect(r.ok).toBe(true);
    expect(tempEntries(dir)).toEqual([]);
    expect(await duck(`SELECT count(*) FROM read_parquet('${out}')`)).toEqual([['171429']]);
  });
});

describe('a sink that does not compile', () => {
  it('fails the whole run, naming it, and nothing is written', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'in.csv'), 'id,v\n1,a\n2,b\n');
    const doc = pipeline(
      { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
      { id: 'good', type: 'sink.parquet', inputs: { in: 'src' }, params: { path: 'good.parquet' } },
      { id: 'bad', type: 'sink.csv', inputs: { in: 'src' }, params: { path: 'bad.csv', delimiter: 'too long' } },
    );
    const s = await open(doc, dir);
    const r = await s.run();
    expect(r.ok).toBe(false);
    expect(r.diagnostics.some((d) => d.nodeId === 'bad' && d.severity === 'error')).toBe(true);
    expect(existsSync(join(dir, 'good.parquet'))).toBe(false);
    expect(r.nodes['bad']?.status).toBe('failed');
  });
});
