#!/usr/bin/env node
// The `duto` command: runs the bundled CLI (npm run build makes it).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('duto: the CLI is not built yet. Run `npm run build` in the Duto folder first.\n');
  process.exit(2);
}
await import(pathToFileURL(cli).href);
