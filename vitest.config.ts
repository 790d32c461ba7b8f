import { defineConfig } from 'vitest/config';

// Threads without per-file isolation: loading DuckDB and the catalog once
// per worker instead of once per file makes the unit suite ~6× faster.
// Tests therefore never rely on module-level state.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'threads',
    isolate: false,
  },
});
