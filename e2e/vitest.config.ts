import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { testHomeEnv } from '../test/test-home.ts';

// Run caches, run histories and the user's config (trust): a temporary home (test/test-home.ts).
const env = testHomeEnv(fileURLToPath(new URL('..', import.meta.url)));

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
