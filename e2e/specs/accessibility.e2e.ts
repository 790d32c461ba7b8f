import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { axeFindings } from '../support/axe';
import { screenshotFailures } from '../support/failures';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * Accessibility (issue #11): axe-core's WCAG 2 A/AA rules over the app in
 * the states a user spends the day in — the empty canvas, an example open
 * with a node selected (inspector, preview), a filter and an aggregate
 * selected (the code editor's colours, lists), after a run (statuses, run
 * log), the settings — in
 * both themes. A serious or critical finding fails, named with its nodes.
 */

for (const { kind, available } of targets()) {
  describe.skipIf(!available || kind !== 'web')(`accessibility (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      target = await launchTarget(kind, freshDir('duto-e2e-a11y-'));
      app = new AppPage(target.page);
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    for (const theme of ['light', 'dark'] as const) {
      it(`has no serious WCAG findings in the ${theme} theme: empty canvas, an example with a node selected, settings`, async () => {
        const { page } = target;
        await app.toolbar.setTheme(theme);
        await app.toolbar.newDocument();
        await app.canvas.emptyState.waitFor();
        expect(await axeFindings(page)).toEqual([]);

        await page.getByTestId('empty-example-orders-report').click();
        await expect.poll(() => app.canvas.nodes.count()).toBeGreaterThan(3);
        await app.settled();
        const first = await app.canvas.nodes.first().getAttribute('data-id');
        await app.canvas.select(first ?? '');
        await app.preview.open();
        await app.preview.waitForRows(first ?? '');
        await app.settled();
        expect(await axeFindings(page)).toEqual([]);

        // After a run: statuses, counts and the run log.
        await app.run.runAll();
        expect(await app.run.waitForEnd()).toMatch(/finished/);
        expect(await axeFindings(page)).toEqual([]);

        // Every pipeline's runs (Operations) and the app's scheduler (Schedules).
        await app.operations.open();
        await app.operations.rows.first().waitFor();
        expect(await axeFindings(page)).toEqual([]);
        await app.operations.openSchedules();
        expect(await axeFindings(page)).toEqual([]);

        // Expressions in the code editor (syntax colours) and a list of measures.
        await app.preview.open();
        for (const id of ['paid_orders', 'by_month']) {
          await app.canvas.select(id);
          await page.getByTestId(id === 'paid_orders' ? 'param-condition' : 'param-measures').waitFor();
          await app.settled();
          await app.preview.rows.first().waitFor();
          expect(await axeFindings(page)).toEqual([]);
        }

        // The function browser of an expression (ƒ).
        await app.canvas.select('paid_orders');
        await page.getByTestId('param-condition-functions').click();
        await page.getByTestId('function-browser').waitFor();
        expect(await axeFindings(page)).toEqual([]);
        await page.keyboard.press('Escape');
        await page.getByTestId('function-browser').waitFor({ state: 'detached' });

        await app.toolbar.button('open-settings').click();
        await page.getByTestId('settings-overlay').waitFor();
        expect(await axeFindings(page)).toEqual([]);
        await page.keyboard.press('Escape');
        await page.getByTestId('settings-overlay').waitFor({ state: 'detached' });
      });
    }
  });
}
