import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { version } from '../../package.json';
import { startWebShell } from './server';

/** `npm run web`: the browser shell on 127.0.0.1, printing the address to open. */
const portArg = process.argv.find((a) => a.startsWith('--port='));
const port = portArg === undefined ? 0 : Number(portArg.slice('--port='.length));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`duto web: --port must be a port number, not "${portArg ?? ''}"`);
  process.exit(2);
}
const examples = resolve(import.meta.dirname, '..', 'examples');
startWebShell(resolve(import.meta.dirname, 'renderer'), port, {
  version,
  examplesDir: existsSync(examples) ? examples : null,
}).then(
  (shell) => {
    console.log(`Duto is running in your browser shell. Open:\n\n  ${shell.url}\n\nPress Ctrl-C to stop.`);
  },
  (e: unknown) => {
    console.error(`duto web: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
