import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { ROOT } from '../support/paths';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/** Issue #11, point 6: the engine's functions complete with signatures, help follows the call, and a parse error is underlined where it is. */
for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`help while writing an expression (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      const workDir = freshDir('duto-e2e-exprhelp-');
      cpSync(join(ROOT, 'examples', 'orders-report'), workDir, { recursive: true });
      target = await launchTarget(kind, workDir);
      app = new AppPage(target.page);
      await target.answerOpen(join(workDir, 'orders-report.duto.json'), () => app.toolbar.clickOpen());
      await app.canvas.node('report').waitFor();
      await app.settled();
      await app.canvas.select('paid_orders');
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    it('completes a column of the input and a function of the engine, with its signature', async () => {
      const { inspector } = app;
      const page = target.page;
      await inspector.typeCode('condition', '');
      await inspector.typeMore('condition', 'stat');
      expect(await inspector.completionLabels()).toContain('status');
      await page.keyboard.press('Escape');

      await inspector.typeMore('condition', 'us = upp');
      await expect.poll(() => inspector.completionLabels()).toContain('upper');
      const upper = page.locator('.cm-tooltip-autocomplete li', {
        has: page.locator('.cm-completionLabel', { hasText: /^upper$/ }),
      });
      await upper.click();
      expect(await inspector.codeText('condition')).toBe('status = upper(');

      // Inside the call: its signature, the current parameter highlighted.
      await inspector.signatureHelp.waitFor();
      expect(await inspector.signatureHelp.innerText()).toMatch(/upper\(string VARCHAR\) → VARCHAR/);
      expect(await inspector.signatureHelp.locator('.cm-signature-active').innerText()).toBe('string VARCHAR');

      await inspector.typeMore('condition', "'paid')");
      await expect.poll(() => app.canvas.status('paid_orders')).toBe('ok');
      expect(await inspector.errorMark('condition').count()).toBe(0);
    });

    it('underlines where a broken expression fails, its message on hover', async () => {
      const { inspector, canvas } = app;
      await inspector.typeCode('condition', "status = = 'paid'");
      await app.settled();
      await expect.poll(() => canvas.status('paid_orders')).toBe('error');
      const mark = inspector.errorMark('condition');
      await mark.waitFor();
      expect(await mark.innerText()).toBe('=');
      await mark.hover();
      const tip = target.page.getByTestId('expression-error-tooltip');
      await tip.waitFor();
      expect(await tip.innerText()).toMatch(/syntax error/i);
    });

    it('finds a function in the ƒ browser by keyboard and inserts its call', async () => {
      const { inspector } = app;
      const page = target.page;
      await inspector.typeCode('condition', '');
      await page.getByTestId('param-condition-functions').click();
      const search = page.getByTestId('function-browser-search');
      await search.fill('lower');
      await page.getByTestId('function-lower').waitFor();
      await search.press('Enter');
      expect(await inspector.codeText('condition')).toBe('lower(');
      await inspector.typeMore('condition', "status) = 'paid'");
      await expect.poll(() => app.canvas.status('paid_orders')).toBe('ok');
      expect(target.pageErrors).toEqual([]);
    });
  });
}
