#!/usr/bin/env node
// The `duto` command: runs the bundled CLI (npm run build makes it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runWithCodeCache } from './code-cache.js';

const cli = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('duto: the CLI is not built yet. Run `npm run build` in the Duto folder first.\n');
  process.exit(2);
}
// Until the CLI has loaded (DuckDB included) and put its own handlers in place, a signal
// quits at once: nothing has been written yet. 128 + the signal's number, as a shell reports it.
const early = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
for (const [sig, code] of Object.entries(early)) process.on(sig, () => process.exit(code));
runWithCodeCache(cli, process.argv.slice(2), process.env);
