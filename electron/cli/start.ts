import { flushed } from './io';
import { config } from 'zod';
import { main } from './main';

// A command parses each schema a few times: compiling a fast path for each (zod's JIT) costs more than it saves.
config({ jitless: true });

// The CLI bundle's entry (dist/cli.cjs, loaded by bin/duto.js): CommonJS, so a start can reuse V8's compiled code.
const args = process.argv.slice(2);
const done = async (code: number): Promise<void> => {
  await flushed();
  process.exit(code);
};
if (args.length === 2 && args[0] === 'engine' && args[1] === 'serve')
  // The resident engine (engine/engine-server.ts), started by bin/engine-client.js or `duto engine start`.
  void import('./engine/serve-resident').then(async (m) => done(await m.serveResident(__filename)));
else void main(process.argv).then(done);
