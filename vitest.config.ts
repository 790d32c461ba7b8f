import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Run caches and run histories live in the user's folders: the tests keep
// theirs in a temporary home, never in the home of whoever runs them.
const home = mkdtempSync(join(tmpdir(), 'duto-test-home-'));
const env = { XDG_CACHE_HOME: join(home, 'cache'), XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config') };
// The pipelines tests write (in the temporary folder) and the repository's examples are trusted there;
// the tests of restricted mode give the CLI and the host a trust store of their own.
mkdirSync(join(home, 'config', 'duto'), { recursive: true });
const trusted = [realpathSync(tmpdir()), realpathSync(fileURLToPath(new URL('.', import.meta.url)))];
writeFileSync(join(home, 'config', 'duto', 'trust.json'), JSON.stringify({ format: 'duto.trust', version: 1, folders: trusted, files: [] }));

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
