import { flushed } from './io';
import { main } from './main';

// The CLI bundle's entry (dist/cli.cjs, loaded by bin/duto.js): CommonJS, so a start can reuse V8's compiled code.
void main(process.argv).then(async (code) => {
  await flushed();
  process.exit(code);
});
