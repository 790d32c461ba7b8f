import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { testHomeEnv } from './test/test-home.ts';

// Run caches, run histories and the user's config live in the user's folders: the tests keep
// theirs in a temporary home (test/test-home.ts), never in the home of whoever runs them.
const env = testHomeEnv(fileURLToPath(new URL('.', import.meta.url)));

// Threads without per-file isolation: loading DuckDB and the catalog once
// per worker instead of once per file makes the unit suite ~6× faster.
// Tests therefore never rely on module-level state.
export default defineConfig({
  test: {
    env,
    include: [
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/**/*.test.ts',
      'renderer/**/*.test.tsx',
      'test/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'threads',
    isolate: false,
  },
});
