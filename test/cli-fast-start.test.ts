import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOrdersPipeline } from './pipeline-builder';
import { BIN, CLI, ROOT, duto, requireBuiltCli, tmp } from './support';

/**
 * `duto --help`, `--version` and `validate` load only what they use (issue
 * #12, fast starts). The CLI is one CommonJS bundle (bin/code-cache.js runs
 * it with V8's code cache); what a command does not use stays in esbuild's
 * lazy module wrappers, never run, and packages outside the bundle (DuckDB's
 * native bindings, database drivers, Excel, ONNX) are required only when a
 * command needs them — watched here by a preload that records every require.
 * (An up-to-date `run` loading no DuckDB: test/up-to-date-check.test.ts.)
 */

const HEAVY = ['@duckdb/node-bindings', 'exceljs', 'mysql2', 'pg', 'pg-cursor', 'pg-copy-streams', 'sql.js'];

/** The packages `duto ARGS` required, recorded by a preload through Module._load. */
function required(dir: string, args: readonly string[]): { code: number | null; loaded: string[] } {
  const probe = join(dir, 'probe.cjs');
  const out = join(dir, `loaded-${String(Math.random()).slice(2)}.json`);
  writeFileSync(
    probe,
    `const Module = require('node:module');
const seen = new Set();
const load = Module._load;
Module._load = function (request, ...rest) { seen.add(request); return load.call(this, request, ...rest); };
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify([...seen])));
`,
  );
  const r = spawnSync(process.execPath, ['--require', probe, BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '' },
  });
  const loaded: unknown = JSON.parse(readFileSync(out, 'utf8'));
  return { code: r.status, loaded: Array.isArray(loaded) ? loaded.map(String) : [] };
}

describe('fast starts', () => {
  beforeAll(requireBuiltCli);

  it('--help and --version load no engine, database driver or Excel library', () => {
    const dir = tmp('duto-fast-');
    for (const args of [['--help'], ['--version']]) {
      const r = required(dir, args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(
        HEAVY.filter((m) => r.loaded.includes(m)),
        args.join(' '),
      ).toEqual([]);
    }
  });

  it('validate loads DuckDB but no database driver, Excel library or ONNX runtime: those come when a node needs them', () => {
    const dir = tmp('duto-fast-');
    const file = writeOrdersPipeline(dir);
    const r = required(dir, ['validate', file]);
    expect(r.code).toBe(0);
    expect(r.loaded).toContain('@duckdb/node-bindings');
    expect(
      ['exceljs', 'mysql2', 'pg', 'pg-cursor', 'pg-copy-streams', 'sql.js', 'onnxruntime-node'].filter((m) =>
        r.loaded.includes(m),
      ),
    ).toEqual([]);
  });

  it("ECharts and zrender are in the bundle only behind lazy wrappers (run by the first report that draws a chart); none of zod's message locales is in it", () => {
    const inputs: unknown = JSON.parse(readFileSync(join(ROOT, 'dist', 'cli-inputs.json'), 'utf8'));
    const files = Array.isArray(inputs) ? inputs.map(String) : [];
    const charts = files.filter((f) => /^node_modules\/(echarts|zrender)\//.test(f));
    expect(charts.length).toBeGreaterThan(100);
    const text = readFileSync(CLI, 'utf8');
    // esbuild wraps a module it must not run at start as `init_x = __esm({"path"() {…}})`, run on first use.
    const lazy = new Set([...text.matchAll(/__esm\(\{"([^"]+)"\(\)/g)].map((m) => m[1]));
    expect(charts.filter((f) => !lazy.has(f))).toEqual([]);
    expect(files).toContain('node_modules/zod/v4/classic/schemas.js');
    expect(files.filter((f) => f.startsWith('node_modules/zod/v4/locales/') && !f.endsWith('/en.js'))).toEqual([]);
  });

  it('--help and --version answer', () => {
    const help = duto(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: duto/);
    expect(duto(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
