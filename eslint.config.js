// Layers, enforced: shared/ is pure; the engine never imports electron;
// the renderer never imports Node or electron; each folder imports only the
// layers below it (the matrix below, ARCHITECTURE.md "Layers"); no import cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

// The layer matrix: what each folder's code may import of ours. Anything of
// ours not listed is forbidden. test/, e2e/, bench/ and scripts/ may import anything.
const ours = [
  'shared',
  'electron/engine',
  'electron/host',
  'electron/cli',
  'electron/web',
  'electron/main',
  'electron/preload',
  'renderer',
  'test',
  'e2e',
  'bench',
  'scripts',
];
const mayImport = {
  shared: [],
  'electron/engine': ['shared'],
  'electron/host': ['shared', 'electron/engine'],
  'electron/cli': ['shared', 'electron/engine', 'electron/host'],
  // The shells reach the engine through the host; main never loads it (it runs in the utility process).
  'electron/web': ['shared', 'electron/host'],
  'electron/main': ['shared', 'electron/host'],
  'electron/preload': ['shared'],
  renderer: ['shared'],
};
// Tests and their helpers may also use the test kit (test/), and the shells' tests start a real engine.
const testsMayImport = {
  ...Object.fromEntries(Object.entries(mayImport).map(([layer, allowed]) => [layer, [...allowed, 'test']])),
  'electron/web': ['shared', 'electron/host', 'electron/engine', 'test'],
  'electron/main': ['shared', 'electron/host', 'electron/engine', 'test'],
};
const testFiles = [
  '**/*.test.ts',
  '**/*.test.tsx',
  'electron/**/test-*.ts',
  '**/test-fixtures/**',
  'electron/web/fuzz-cases.ts',
  'renderer/src/test/**',
];
const layerZones = (matrix) =>
  Object.entries(matrix).map(([layer, allowed]) => ({
    target: `./${layer}`,
    from: ours.filter((other) => other !== layer && !allowed.includes(other)).map((other) => `./${other}`),
    message: `${layer}/ may import only ${allowed.length === 0 ? 'nothing else of ours' : allowed.map((a) => `${a}/`).join(', ')} (ARCHITECTURE.md, Layers).`,
  }));

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'stream',
  'url',
  'util',
  'worker_threads',
  'events',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      'coverage/**',
      'bench/data/**',
      '.tmp/**',
      'test-results/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { parserOptions: { ecmaVersion: 2023, sourceType: 'module' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Imports resolved to files: the layer matrix and cycles are checked on real paths, not on import strings.
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      // Type-only imports are not followed: they vanish at runtime, where a cycle bites (half-initialised modules, Fast Refresh).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones(mayImport) }],
    },
  },
  {
    files: testFiles,
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones(testsMayImport) }] },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure: no Node modules.' },
            {
              group: ['electron', 'react', 'react-dom', '@duckdb/*'],
              message: 'shared/ is pure: no electron, DOM or engine.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer'],
    },
  },
  {
    files: ['electron/engine/**/*.ts', 'electron/cli/**/*.ts', 'electron/host/**/*.ts', 'electron/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron'],
              message: 'The engine, its host, the browser shell and the CLI run without electron.',
            },
          ],
        },
      ],
    },
  },
  {
    // ARCHITECTURE.md, wall 2: SQL built around user text runs only through walls/one-statement.ts,
    // whose prepared statements refuse a second statement.
    files: ['electron/engine/**/*.ts'],
    ignores: [
      'electron/engine/**/*.test.ts',
      'electron/engine/walls/one-statement.ts',
      'electron/engine/connectors/sqlite/**',
      'electron/engine/test-*.ts',
      '**/test-fixtures/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(runAndRead|runAndReadAll|runAndReadUntil|streamAndRead|streamAndReadAll|streamAndReadUntil)$/]',
          message: 'Use readOne/streamOne from walls/one-statement.ts: one statement, prepared.',
        },
        {
          selector: "CallExpression[callee.property.name=/^(run|stream)$/][arguments.0.type='TemplateLiteral']",
          message: 'Use runOne/streamOne from walls/one-statement.ts for SQL built from parts.',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, 'electron', '@duckdb/*'],
              message: 'The renderer talks to the engine through shared/ipc only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-assertions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
