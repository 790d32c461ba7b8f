#!/usr/bin/env node
// The `duto` command: runs the bundled CLI (npm run build makes it).
'use strict';
// CommonJS (bin/package.json): Node starts it without its ES module loader, a few milliseconds sooner.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { runWithCodeCache } = require('./code-cache.js');
const { engineFor, runInEngine, startEngine } = require('./engine-client.js');

const cli = join(__dirname, '..', 'dist', 'cli.cjs');
if (!existsSync(cli)) {
  process.stderr.write('duto: the CLI is not built yet. Run `npm run build` in the Duto folder first.\n');
  process.exit(2);
}
const args = process.argv.slice(2);

function runHere() {
  // Until the CLI has loaded (DuckDB included) and put its own handlers in place, a signal
  // quits at once: nothing has been written yet. 128 + the signal's number, as a shell reports it.
  const early = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [sig, code] of Object.entries(early)) process.on(sig, () => process.exit(code));
  runWithCodeCache(cli, args, process.env);
}

// In a terminal, commands that run pipelines go to the resident engine (engine-client.js).
const socket = engineFor(args, process.env, cli);
if (socket === undefined) runHere();
else
  void runInEngine(socket, args, process.env).then((why) => {
    // None yet: this command runs here, and leaves one loaded for the next.
    if (why === 'absent') process.once('exit', () => startEngine(__filename, process.env));
    runHere();
  });
