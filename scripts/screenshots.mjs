// `npm run screenshots`: refreshes docs/screenshots/*.png, which the
// canonical-pipeline spec takes at the moments they show (see e2e/support/screenshots.ts).
import { spawnSync } from 'node:child_process';

const vitest = [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--config',
  'e2e/vitest.config.ts',
  'e2e/specs/canonical-pipeline.e2e.ts',
  'e2e/specs/restricted-mode.e2e.ts',
];
const r = spawnSync(process.execPath, vitest, { stdio: 'inherit', env: { ...process.env, UPDATE_SCREENSHOTS: '1' } });
process.exit(r.status ?? 1);
