import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, duto, requireBuiltCli } from './support';

/**
 * `duto --help`, `--version`, `merge` and an up-to-date `run` do not load the engine (issue #12,
 * fast starts): the built CLI's static imports — followed through every
 * chunk they name — never reach DuckDB or a database driver; commands that
 * need them import them when they run, and database drivers only when a
 * connection opens.
 */

/** DuckDB's JS API is bundled into the chunks: its native bindings are what loads DuckDB. */
const DUCKDB = '@duckdb/node-bindings';
const HEAVY = [DUCKDB, 'exceljs', 'mysql2', 'pg', 'sql.js', 'onnxruntime-node'];

/** Every bare module the file imports statically or requires (bundled CommonJS), through the chunks it imports. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  const bare = new Set<string>();
  if (seen.has(file)) return bare;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/gm)) {
    const spec = m[1] ?? '';
    if (spec.startsWith('.')) for (const b of staticImports(resolve(dirname(file), spec), seen)) bare.add(b);
    else bare.add(spec);
  }
  for (const m of text.matchAll(/require\(["']([^"'.][^"']*)["']\)/g)) bare.add(m[1] ?? '');
  return bare;
}

describe('fast starts', () => {
  beforeAll(requireBuiltCli);

  it("the CLI's entry loads no engine, database driver or Excel library until a command needs it", () => {
    const loaded = staticImports(CLI);
    expect(loaded.has('node:module')).toBe(true);
    expect(HEAVY.filter((m) => loaded.has(m))).toEqual([]);
  });

  it('the engine is still there when a command needs it', () => {
    const chunks = readFileSync(CLI, 'utf8').match(/import\(["']\.\/chunks\/[^"']+["']\)/g) ?? [];
    expect(chunks.length).toBeGreaterThan(5);
    const all = new Set<string>();
    for (const c of chunks) for (const b of staticImports(join(dirname(CLI), c.slice(8, -2)))) all.add(b);
    expect(all.has(DUCKDB)).toBe(true);
  });

  it('validate and the engine part of run load DuckDB but no database driver: PostgreSQL and MySQL come in when a connection opens, the ONNX runtime when a model is scored', () => {
    const text = readFileSync(CLI, 'utf8');
    // The run command reaches its engine part by a dynamic import from a chunk its own chunk loads.
    const runChunk = new RegExp(`import\\(["']\\./chunks/(run-[^"']+)["']\\)`).exec(text)?.[1] ?? '';
    const seen = new Set<string>();
    staticImports(join(dirname(CLI), 'chunks', runChunk), seen);
    const engineChunk = [...seen]
      .map((f) => /import\(["']\.\/(run-engine-[^"']+)["']\)/.exec(readFileSync(f, 'utf8'))?.[1])
      .find((f) => f !== undefined);
    const validateChunk = new RegExp(`import\\(["']\\./chunks/(validate-[^"']+)["']\\)`).exec(text)?.[1];
    for (const [name, chunk] of [
      ['run (engine)', engineChunk],
      ['validate', validateChunk],
    ] as const) {
      expect(chunk, name).toBeDefined();
      const loaded = staticImports(join(dirname(CLI), 'chunks', chunk ?? ''));
      expect(loaded.has(DUCKDB), name).toBe(true);
      expect(
        ['mysql2', 'pg', 'pg-cursor', 'pg-copy-streams', 'onnxruntime-node'].filter((m) => loaded.has(m)),
        name,
      ).toEqual([]);
    }
  });

  it("the engine a run loads compiles no chart renderer and none of zod's message locales: ECharts comes with the first report that draws a chart", () => {
    const text = readFileSync(CLI, 'utf8');
    const runChunk = new RegExp(`import\\(["']\\./chunks/(run-[^"']+)["']\\)`).exec(text)?.[1] ?? '';
    const seen = new Set<string>();
    staticImports(join(dirname(CLI), 'chunks', runChunk), seen);
    const engineChunk = [...seen]
      .map((f) => /import\(["']\.\/(run-engine-[^"']+)["']\)/.exec(readFileSync(f, 'utf8'))?.[1])
      .find((f) => f !== undefined);
    expect(engineChunk).toBeDefined();
    const files = new Set<string>();
    staticImports(join(dirname(CLI), 'chunks', engineChunk ?? ''), files);
    expect(files.size).toBeGreaterThan(2);
    // esbuild marks each bundled module with its path in a comment.
    const bundled = (marker: string): string[] => [...files].filter((f) => readFileSync(f, 'utf8').includes(marker));
    expect(bundled('node_modules/echarts/')).toEqual([]);
    expect(bundled('node_modules/zrender/')).toEqual([]);
    expect(bundled('node_modules/zod/v4/locales/he.js')).toEqual([]);
    expect(bundled('node_modules/zod/v4/classic/schemas.js').length).toBe(1);
    // And the chart renderer is still in the build, for reports.
    const chunks = readdirSync(join(dirname(CLI), 'chunks')).map((f) => join(dirname(CLI), 'chunks', f));
    expect(chunks.some((f) => f.endsWith('.js') && readFileSync(f, 'utf8').includes('node_modules/echarts/'))).toBe(
      true,
    );
  });

  it("run's own chunk loads no DuckDB: the up-to-date answer (run/quick-check.ts) comes without it", () => {
    const text = readFileSync(CLI, 'utf8');
    const runChunk = new RegExp(`import\\(["']\\./chunks/(run-[^"']+)["']\\)`).exec(text)?.[1];
    expect(runChunk).toBeDefined();
    expect(HEAVY.filter((m) => staticImports(join(dirname(CLI), 'chunks', runChunk ?? '')).has(m))).toEqual([]);
  });

  it('--help and --version answer', () => {
    const help = duto(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: duto/);
    expect(duto(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
