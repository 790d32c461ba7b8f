import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach } from 'vitest';

/** Where a failed spec leaves a picture of the window (printed with the failure). */
export const FAILURES_DIR = process.env['E2E_FAILURES_DIR'] ?? join(tmpdir(), 'duto-e2e-failures');

/** After a failed test, saves a screenshot of the page and says where. */
export function screenshotFailures(page: () => Page | undefined): void {
  afterEach(async (ctx) => {
    const p = page();
    if (ctx.task.result?.state !== 'fail' || p === undefined || p.isClosed()) return;
    mkdirSync(FAILURES_DIR, { recursive: true });
    const path = join(FAILURES_DIR, `${ctx.task.name.replace(/[^\w-]+/g, '_').slice(0, 80)}.png`);
    await p.screenshot({ path }).catch(() => undefined);
    console.log(`e2e: screenshot of the failure: ${path}`);
  });
}
