import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Run caches and run histories live in the user's folders: the tests keep
// theirs in a temporary home, never in the home of whoever runs them.
const home = mkdtempSync(join(tmpdir(), 'duto-test-home-'));
const env = { XDG_CACHE_HOME: join(home, 'cache'), XDG_DATA_HOME: join(home, 'data') };

// Threads without per-file isolation: loading DuckDB and the catalog once
// per worker instead of once per file makes the unit suite ~6× faster.
// Tests therefore never rely on module-level state.
export default defineConfig({
  test: {
    env,
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'threads',
    isolate: false,
  },
});
