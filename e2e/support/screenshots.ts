import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS } from './paths';

/**
 * The README's screenshots are taken by the specs, at the moments they show,
 * and written to docs/screenshots only when asked (`npm run screenshots`):
 * otherwise every test run would rewrite the images.
 */
export const UPDATE_SCREENSHOTS = process.env['UPDATE_SCREENSHOTS'] === '1';

export async function screenshot(page: Page, name: string, fallbackDir: string): Promise<string> {
  const dir = UPDATE_SCREENSHOTS ? SCREENSHOTS : join(fallbackDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  // No hover highlight, blinking caret or half-finished transition in a picture.
  await page.mouse.move(1, 1);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  return path;
}
