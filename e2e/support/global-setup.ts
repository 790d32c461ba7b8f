import { existsSync } from 'node:fs';
import { chromiumPath, electronRuntimeExists, electronRuntimePath, RENDERER_INDEX, WEB_SHELL } from './paths';

/** Fails early, and plainly, when what every spec needs is missing; says once why Electron specs are skipped. */
export default function setup(): void {
  for (const built of [WEB_SHELL, RENDERER_INDEX]) {
    if (!existsSync(built)) throw new Error(`e2e: ${built} is missing: run npm run build first (npm run e2e does)`);
  }
  if (!existsSync(chromiumPath())) {
    throw new Error(
      `e2e: no Chromium at ${chromiumPath()}: install it (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH`,
    );
  }
  if (!electronRuntimeExists()) console.log(`Electron e2e skipped: no Electron runtime at ${electronRuntimePath()}`);
}
