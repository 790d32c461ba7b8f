import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { duto, requireBuiltCli, tmp } from './support';

/**
 * The up-to-date check without the engine (issue #12, fast starts): after a
 * run left a plain file pipeline up to date, the next `duto run` answers
 * from its record without loading DuckDB — with the same lines, the same
 * --json result and a history entry, as the full check gives — and anything
 * that could change an output (a source's byte, the pipeline, a --param,
 * the target) sends it back to the full check.
 */

beforeAll(requireBuiltCli);

/** A preload that fails the process if DuckDB's native module is loaded, and says so on stderr. */
function noDuckDbGuard(dir: string): Record<string, string> {
  const guard = join(dir, 'no-duckdb.cjs');
  writeFileSync(
    guard,
    `const dlopen = process.dlopen;
process.dlopen = function (module, file, ...rest) {
  if (/duckdb/i.test(String(file))) { process.stderr.write('DUCKDB LOADED\\n'); process.exit(99); }
  return dlopen.call(this, module, file, ...rest);
};
`,
  );
  return { NODE_OPTIONS: `--require ${guard}` };
}

function writePipeline(dir: string, condition = 'amount > 10', source = 'orders.csv'): string {
  const file = join(dir, 'p.duto.json');
  const doc = {
    format: 'duto.pipeline',
    version: 2,
    params: { min: { default: 0 } },
    nodes: [
      { id: 'orders', type: 'source.csv', params: { path: source } },
      {
        id: 'big',
        type: 'transform.filter',
        inputs: { in: 'orders' },
        params: { condition: `${condition} + \${min}` },
      },
      { id: 'sorted', type: 'transform.sort', inputs: { in: 'big' }, params: { keys: [{ column: 'amount' }] } },
      { id: 'out', type: 'sink.csv', inputs: { in: 'sorted' }, params: { path: 'out.csv' } },
    ],
  };
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return file;
}

const CSV = 'id,amount\n1,5\n2,50\n3,20\n4,7\n';
const timing = (s: string): string => s.replace(/in \d+ ms/g, 'in N ms').replace(/\d+ ms/g, 'N ms');

function fresh(): { dir: string; file: string } {
  const dir = tmp('duto-quick-');
  writeFileSync(join(dir, 'orders.csv'), CSV);
  return { dir, file: writePipeline(dir) };
}

/** Where the CLI keeps a pipeline's up-to-date record (quick-check.ts: per pipeline path, in the user's cache). */
function recordOf(file: string): string {
  const key = createHash('sha256').update(resolve(file)).digest('hex').slice(0, 32);
  return join(process.env['XDG_CACHE_HOME'] ?? '', 'duto', 'runs', `${key}.quick.json`);
}

describe('the up-to-date check without the engine', () => {
  it('answers as the full check does, without loading DuckDB, and keeps the run in the history', () => {
    const { dir, file } = fresh();
    const guard = noDuckDbGuard(dir);
    expect(duto(['run', file], dir).code).toBe(0);
    expect(existsSync(recordOf(file))).toBe(true);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('id,amount\n3,20\n2,50\n');

    const quick = duto(['run', file], dir, guard);
    expect(quick.stderr).toBe('');
    expect(quick.code).toBe(0);
    expect(quick.stdout).toMatch(/up to date: .*out\.csv \(2 rows; nothing it depends on changed/);

    // The same run through the full check (the record gone): the same result.
    rmSync(recordOf(file));
    const full = duto(['run', file, '--json'], dir);
    const quickJson = duto(['run', file, '--json'], dir, guard);
    expect(quickJson.code).toBe(0);
    const strip = (text: string): unknown => ({ ...(JSON.parse(text) as Record<string, unknown>), elapsedMs: 0 });
    expect(strip(quickJson.stdout)).toEqual(strip(full.stdout));
    expect(JSON.parse(quickJson.stdout)).toMatchObject({
      ok: true,
      outputs: [{ nodeId: 'out', rows: 2, cached: true }],
      nodes: { orders: { status: 'done', origin: 'cache' }, out: { status: 'done', rows: 2, origin: 'cache' } },
    });

    const history = duto(['history', file, '--json'], dir);
    expect(history.code).toBe(0);
    const runs = (JSON.parse(history.stdout) as { runs: unknown[] }).runs;
    expect(runs.length).toBe(4);
  });

  it('prints the same lines as the full check', () => {
    const { dir, file } = fresh();
    expect(duto(['run', file], dir).code).toBe(0);
    const quick = duto(['run', file], dir, noDuckDbGuard(dir));
    expect(quick.code).toBe(0);
    // Up to date through the full check: this pipeline's record gone.
    rmSync(recordOf(file));
    const full = duto(['run', file], dir);
    expect(full.code).toBe(0);
    expect(timing(quick.stdout)).toBe(timing(full.stdout));
    expect(quick.stdout).toMatch(/^done +orders +up to date$/m);
  });

  it('goes back to the full check when a source changes by one byte, same size, same mtime', () => {
    const { dir, file } = fresh();
    expect(duto(['run', file], dir).code).toBe(0);
    const src = join(dir, 'orders.csv');
    const { atime, mtime } = statSync(src);
    writeFileSync(src, CSV.replace('2,50', '2,90'));
    utimesSync(src, atime, mtime);
    const r = duto(['run', file], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote .*out\.csv/);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('id,amount\n3,20\n2,90\n');
  });

  it('goes back to the full check when the pipeline, a --param or the target changes', () => {
    const { dir, file } = fresh();
    expect(duto(['run', file], dir).code).toBe(0);
    // Another --param value: another result.
    const param = duto(['run', file, '--param', 'min=25'], dir);
    expect(param.stdout).toMatch(/wrote .*out\.csv \(1 row/);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('id,amount\n2,50\n');
    // Back to the default: the target is no longer what that record saw.
    expect(duto(['run', file], dir).stdout).toMatch(/wrote .*out\.csv \(2 rows/);
    // The pipeline edited.
    writePipeline(dir, 'amount > 6');
    expect(duto(['run', file], dir).stdout).toMatch(/wrote .*out\.csv \(3 rows/);
    // The target replaced by hand.
    writeFileSync(join(dir, 'out.csv'), 'id,amount\n');
    const r = duto(['run', file], dir);
    expect(r.stdout).toMatch(/wrote .*out\.csv \(3 rows/);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('id,amount\n4,7\n3,20\n2,50\n');
  });

  it('never answers for a source that names a glob: files may come', () => {
    const { dir } = fresh();
    const file = writePipeline(dir, 'amount > 10', 'orders*.csv');
    expect(duto(['run', file], dir).code).toBe(0);
    writeFileSync(join(dir, 'orders2.csv'), 'id,amount\n9,99\n');
    const r = duto(['run', file], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote .*out\.csv \(3 rows/);
    expect(existsSync(recordOf(file))).toBe(false);
    const again = duto(['run', file], dir, noDuckDbGuard(dir));
    // Up to date, but only the full check may say so: DuckDB loads.
    expect(again.code).toBe(99);
  });

  it('answers only for a trusted pipeline: from elsewhere, the run is refused as before', () => {
    const { dir, file } = fresh();
    expect(duto(['run', file], dir).code).toBe(0);
    expect(existsSync(recordOf(file))).toBe(true);
    const elsewhere = duto(['run', file], dir, { XDG_CONFIG_HOME: join(dir, 'no-trust') });
    expect(elsewhere.code).not.toBe(0);
    expect(elsewhere.stdout).not.toMatch(/up to date/);
    expect(`${elsewhere.stdout}${elsewhere.stderr}`).toMatch(/trust/i);
  });
});
