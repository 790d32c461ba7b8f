import { flushed } from './io';
import { config } from 'zod';
import { main } from './main';

// A command parses each schema a few times: compiling a fast path for each (zod's JIT) costs more than it saves.
config({ jitless: true });

// The CLI bundle's entry (dist/cli.cjs, loaded by bin/duto.js): CommonJS, so a start can reuse V8's compiled code.
void main(process.argv).then(async (code) => {
  await flushed();
  process.exit(code);
});
