import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A temporary home for a test run: run caches, run histories and the user's
 * config (connections, trust) never touch the home of whoever runs the tests.
 * The pipelines tests write (in the temporary folder) and the repository are
 * trusted there; tests of restricted mode give the CLI or the shell a config
 * folder of their own.
 */
export function testHomeEnv(repoRoot: string): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'duto-test-home-'));
  const config = join(home, 'config');
  mkdirSync(join(config, 'duto'), { recursive: true });
  const trusted = [realpathSync(tmpdir()), realpathSync(repoRoot)];
  writeFileSync(
    join(config, 'duto', 'trust.json'),
    JSON.stringify({ format: 'duto.trust', version: 1, folders: trusted, files: [] }),
  );
  return { XDG_CACHE_HOME: join(home, 'cache'), XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: config };
}
