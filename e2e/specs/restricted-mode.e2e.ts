import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { screenshot } from '../support/screenshots';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * A pipeline from elsewhere, opened by a user who trusts nothing yet
 * (ARCHITECTURE.md, wall 5): it opens restricted — a banner says so, its own folder's
 * files preview, a node reading outside the folder fails saying why — and
 * Run all asks first, listing everything the run would touch. Trust and
 * run trusts the file (as it is now) and runs it.
 */

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`restricted mode (${kind})`, () => {
    let target: Target;
    let app: AppPage;
    let workDir = '';
    let file = '';

    beforeAll(async () => {
      const root = freshDir('duto-e2e-trust-');
      workDir = join(root, 'shared');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(workDir);
      writeFileSync(join(workDir, 'orders.csv'), 'id,amount\n1,10\n2,20\n');
      writeFileSync(join(root, 'outside.csv'), 'secret\nhunter2\n');
      file = join(workDir, 'shared.duto.json');
      const doc = {
        format: 'duto.pipeline',
        version: 1,
        name: 'shared by a colleague',
        nodes: [
          { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
          { id: 'peek', type: 'source.csv', params: { path: '../outside.csv' } },
          { id: 'out', type: 'sink.csv', inputs: { in: 'orders' }, params: { path: 'out.csv' } },
        ],
      };
      writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
      target = await launchTarget(kind, workDir, { untrusted: true });
      app = new AppPage(target.page);
      await target.answerOpen(file, () => app.toolbar.clickOpen());
      await app.canvas.node('orders').waitFor();
      await app.settled();
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(dirname(target.workDir), { recursive: true, force: true });
    });

    it('opens restricted: a banner says so, its folder previews, a read outside it fails saying why', async () => {
      const { page } = target;
      await page.getByTestId('trust-banner').waitFor();
      expect(await page.getByTestId('trust-banner').innerText()).toContain('Restricted mode');
      await expect.poll(() => app.canvas.status('peek')).toBe('error');
      expect(await app.canvas.node('peek').innerText()).toMatch(/outside this pipeline's folder/);
      await app.preview.open();
      await app.canvas.select('orders');
      await app.preview.waitForRows('orders');
    });

    it('Run all asks first, listing what the run would touch; Trust and run runs it', async () => {
      const { page } = target;
      await page.getByTestId('run-all').click();
      const dialog = page.getByTestId('trust-dialog');
      await dialog.waitFor();
      const text = await dialog.innerText();
      expect(text).toContain(join(workDir, 'out.csv'));
      expect(text).toContain(join(dirname(workDir), 'outside.csv'));
      expect(existsSync(join(workDir, 'out.csv'))).toBe(false);
      await screenshot(page, 'restricted-mode', target.workDir);
      await page.getByTestId('trust-confirm').click();
      expect(await app.run.waitForEnd()).toMatch(/finished|failed/i);
      expect(readFileSync(join(workDir, 'out.csv'), 'utf8')).toBe('id,amount\n1,10\n2,20\n');
      await expect.poll(() => page.getByTestId('trust-banner').count()).toBe(0);
      expect(target.pageErrors).toEqual([]);
    });
  });
}
