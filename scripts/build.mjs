// Builds everything that runs on Node or Electron with esbuild, and the
// renderer with vite. `node scripts/build.mjs --no-renderer` skips vite.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const present = (entries) => Object.fromEntries(Object.entries(entries).filter(([, f]) => existsSync(f)));
// zod's `z` (and core) namespaces re-export its ~40 message locales (366 kB, half of zod), which esbuild cannot drop through
// a namespace: every start compiled them. Duto uses none (its messages are its own; English is imported apart).
const noZodLocales = {
  name: 'no-zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (a) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(a.importer)
        ? { path: 'zod-locales', namespace: 'no-zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-zod-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [noZodLocales],
};
// Database drivers load from node_modules: sql.js finds its .wasm beside itself, pg requires pg-native lazily;
// @clickhouse/client bundled lost its ClickHouseLogLevel re-export (every ClickHouse read of the built CLI failed).
const drivers = ['pg', 'pg-cursor', 'pg-copy-streams', 'mysql2', 'sql.js', '@clickhouse/client'];
// exceljs too: bundled, its dependencies' `new Buffer()` calls print a deprecation warning on every Excel write.
// onnxruntime-node: native, loaded from node_modules only when a pipeline scores with an ONNX model.
const libraries = [...drivers, 'exceljs', 'onnxruntime-node'];

// Chunks of earlier builds would linger beside the new ones (their names are hashes): start clean.
rmSync('dist/chunks', { recursive: true, force: true });

// The CLI: one CommonJS file, so that bin/duto.js can compile it with V8's code cache (a start then skips
// compiling what the last one compiled: Node 20 has no compile cache for ES modules). What a command does not
// use stays in lazy module wrappers, never run; DuckDB's native bindings and the drivers load from node_modules.
rmSync('dist/cli.js', { force: true });
for (const f of existsSync('dist') ? readdirSync('dist') : []) if (f.endsWith('.v8cache')) rmSync(`dist/${f}`);
const cli = await build({
  ...common,
  entryPoints: { cli: 'electron/cli/start.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // `import('pg')` becomes a require: a script compiled by node:vm has no module loader for import().
  supported: { 'dynamic-import': false },
  minifyWhitespace: true,
  external: ['@duckdb/node-bindings', 'electron', 'playwright-core', ...libraries],
  metafile: true,
});
// The modules in it (code left after tree shaking), for test/cli-fast-start.test.ts: the bundle keeps no module comments.
const inBundle = Object.entries(cli.metafile.outputs['dist/cli.cjs'].inputs).filter(([, i]) => i.bytesInOutput > 0);
writeFileSync('dist/cli-inputs.json', `${JSON.stringify(inBundle.map(([f]) => f).sort(), null, 1)}\n`);

// Other Node entry points: the browser shell, the benchmark, tools.
await build({
  ...common,
  entryPoints: present({
    web: 'electron/web/main.ts',
    'bench/run': 'bench/run.ts',
    'bench/readers': 'bench/readers/run.ts',
    'scripts/gen-schema': 'scripts/gen-schema.ts',
    'scripts/bench-ui': 'scripts/bench-ui/main.ts',
  }),
  outdir: 'dist',
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // DuckDB's JS API is bundled (CommonJS imported from ESM costs ~100 ms of export scanning per start); its native bindings load from node_modules.
  external: ['@duckdb/node-bindings', 'electron', 'playwright-core', ...libraries],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// Electron main, preload and the engine host's utility process: CommonJS
// (a sandboxed preload cannot be ESM; main forks engine-host.cjs beside it).
await build({
  ...common,
  entryPoints: present({
    main: 'electron/main/main.ts',
    preload: 'electron/preload/preload.ts',
    'engine-host': 'electron/host/utility-entry.ts',
  }),
  outdir: 'dist/electron',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  external: ['electron', '@duckdb/node-api', ...libraries],
});

if (!process.argv.includes('--no-renderer')) {
  const r = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}
