import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the things the specs drive live. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_SHELL = join(ROOT, 'dist', 'web.js');
export const RENDERER_INDEX = join(ROOT, 'dist', 'renderer', 'index.html');
export const CLI = join(ROOT, 'bin', 'duto.js');
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

/** Debian's Chromium (`.ci/run` installs it); CHROMIUM_PATH overrides. */
export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
}

/** The Electron runtime the `electron` package would have downloaded, or the override Electron itself honours. */
export function electronRuntimePath(): string {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  return override !== undefined && override !== ''
    ? join(override, 'electron')
    : join(ROOT, 'node_modules', 'electron', 'dist', 'electron');
}

export function electronRuntimeExists(): boolean {
  return existsSync(electronRuntimePath());
}
