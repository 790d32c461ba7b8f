import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Run caches and run histories live in the user's folders: the tests keep
// theirs in a temporary home, never in the home of whoever runs them.
const home = mkdtempSync(join(tmpdir(), 'duto-test-home-'));
const env = { XDG_CACHE_HOME: join(home, 'cache'), XDG_DATA_HOME: join(home, 'data') };

// End-to-end specs: a real browser (and Electron where its runtime exists)
// driving the built app. One file at a time: each starts a shell, a browser
// and DuckDB, and the machines have two cores.
export default defineConfig({
  test: {
    env,
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['e2e/specs/**/*.e2e.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 90_000,
    // The app answers asynchronously (design-time checks, previews): assertions retry for a while.
    expect: { poll: { timeout: 15_000, interval: 50 } },
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: ['default'],
  },
});
