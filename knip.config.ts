import type { KnipConfig } from 'knip';

// Unused files, exports and dependencies fail `npm run knip` (part of `npm test`).
// Tests count as users (vitest's files are found by knip's vitest plugin).
const config: KnipConfig = {
  entry: [
    // What scripts/build.mjs bundles, and the renderer vite builds.
    'electron/main/main.ts',
    'electron/preload/preload.ts',
    'electron/host/utility-entry.ts',
    'electron/cli/start.ts',
    'electron/web/main.ts',
    'renderer/src/main.tsx',
    'renderer/vite.config.ts',
    'bench/run.ts',
    'bench/readers/run.ts',
    'scripts/*.{ts,mjs}',
    'scripts/bench-ui/main.ts',
    // Children the tests bundle with esbuild and start by path.
    'electron/engine/test-fixtures/run-child.ts',
    'electron/engine/test-fixtures/delta-append-child.ts',
    'electron/engine/connectors/excel/test-fixtures/read-all-child.ts',
    'e2e/specs/**/*.e2e.ts',
  ],
  project: ['{shared,electron,renderer,test,e2e,bench,scripts}/**/*.{ts,tsx,mjs}', 'bin/*.js', '*.config.{ts,js}'],
  // An export its own file uses is not dead, only public; knip reports exports nobody uses.
  ignoreExportsUsedInFile: true,
  ignoreDependencies: [
    // Read from node_modules by path (shared/catalog/source-csv.test.ts), never imported.
    'csv-spectrum',
    // Injected into the page by path (e2e/specs/accessibility.e2e.ts resolves axe.min.js), never imported.
    'axe-core',
    // electron-builder's own packages: packaging.test.ts reads the config the way it does.
    'app-builder-lib',
    'builder-util',
  ],
  ignoreIssues: {
    // ParamKind is exported unused; shared/catalog is being moved (node files into shared/catalog/nodes/):
    // drop its `export` after that lands, and this line with it.
    'shared/catalog/params.ts': ['types'],
  },
  // Programs on the machine, used when present (bench/connectors.ts, test/secrets-cli.test.ts, electron/cli/export tests).
  ignoreBinaries: ['psql', 'openssl', 'systemd-analyze'],
};

export default config;
