import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { ROOT } from '../support/paths';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`a bad expression (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      const workDir = freshDir('duto-e2e-error-');
      cpSync(join(ROOT, 'examples', 'orders-report'), workDir, { recursive: true });
      target = await launchTarget(kind, workDir);
      app = new AppPage(target.page);
      await target.answerOpen(join(workDir, 'orders-report.duto.json'), () => app.toolbar.clickOpen());
      await app.canvas.node('report').waitFor();
      await app.settled();
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    it('shows its error on the filter node and in its form, and the nodes before it still preview', async () => {
      const { canvas, inspector, preview } = app;
      await canvas.select('paid_orders');
      await inspector.typeCode('condition', "status = = 'paid'");
      await app.settled();

      await expect.poll(() => canvas.status('paid_orders')).toBe('error');
      expect(await canvas.message('paid_orders').innerText()).toMatch(/syntax error/i);
      expect(await inspector.error('condition').innerText()).toMatch(/syntax error/i);
      for (const id of ['orders', 'customers']) expect(await canvas.status(id), id).toBe('ok');
      expect(await canvas.message('orders').count()).toBe(0);

      await preview.open();
      for (const id of ['orders', 'customers']) {
        await canvas.select(id);
        await preview.waitForRows(id);
        expect(await preview.rows.count()).toBeGreaterThan(0);
      }
      await canvas.select('paid_orders');
      await preview.error.waitFor();
      expect(await preview.error.innerText()).toMatch(/syntax error/i);
    });

    it('clears the error once the expression is fixed', async () => {
      const { canvas, inspector, preview } = app;
      await inspector.typeCode('condition', "status = 'paid'");
      await expect.poll(() => canvas.status('paid_orders')).toBe('ok');
      expect(await inspector.error('condition').count()).toBe(0);
      await preview.waitForRows('paid_orders');
      expect(await preview.row(0)).toContain('paid');
      expect(target.pageErrors).toEqual([]);
    });
  });
}
