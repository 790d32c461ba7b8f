// Layers, enforced: shared/ is pure; the engine never imports electron;
// the renderer never imports Node or electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'stream', 'url', 'util', 'worker_threads', 'events'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'coverage/**', 'bench/data/**', '.tmp/**', 'test-results/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
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
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'shared/ is pure: no Node modules.' },
          { group: ['electron', 'react', 'react-dom', '@duckdb/*'], message: 'shared/ is pure: no electron, DOM or engine.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing else of ours.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer'],
    },
  },
  {
    files: ['electron/engine/**/*.ts', 'electron/cli/**/*.ts', 'electron/host/**/*.ts', 'electron/web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron'], message: 'The engine, its host, the browser shell and the CLI run without electron.' },
          { group: ['**/renderer/**', '**/main/**', '**/preload/**'], message: 'The engine depends only on shared/.' },
        ],
      }],
    },
  },
  {
    // ARCHITECTURE.md, wall 2: SQL built around user text runs only through walls/one-statement.ts,
    // whose prepared statements refuse a second statement.
    files: ['electron/engine/**/*.ts'],
    ignores: ['electron/engine/**/*.test.ts', 'electron/engine/walls/one-statement.ts', 'electron/engine/connectors/sqlite/**', 'electron/engine/test-*.ts', 'electron/engine/test-fixtures/**'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.property.name=/^(runAndRead|runAndReadAll|runAndReadUntil|streamAndRead|streamAndReadAll|streamAndReadUntil)$/]", message: 'Use readOne/streamOne from walls/one-statement.ts: one statement, prepared.' },
        { selector: "CallExpression[callee.property.name=/^(run|stream)$/][arguments.0.type='TemplateLiteral']", message: 'Use runOne/streamOne from walls/one-statement.ts for SQL built from parts.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...nodeBuiltins, 'electron', '@duckdb/*'], message: 'The renderer talks to the engine through shared/ipc only.' },
          { group: ['**/electron/**'], message: 'The renderer imports shared/ only.' },
        ],
      }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-assertions': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
