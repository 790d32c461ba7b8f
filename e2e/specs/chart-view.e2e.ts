import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { queryRows, sqlPath } from '../support/duckdb';
import { screenshotFailures } from '../support/failures';
import { closeTarget } from '../support/opened-pipeline';
import { ROOT } from '../support/paths';
import { screenshot } from '../support/screenshots';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * Charts at any node (issue #13): on the canonical example pipeline, a bar
 * chart is built from the empty Chart view, drawn by ECharts from the
 * engine's aggregate over every row, saved in the pipeline file and shown
 * again when the file is reopened; a click on a bar filters the preview.
 * The join's profile draws a histogram or the top values for every column.
 */

// The first series' colour in the light theme (shared/charts/chart-option.ts).
const FIRST_SERIES = '#2f6db5';

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`the Chart view (${kind})`, () => {
    let target: Target;
    let app: AppPage;
    let file = '';
    let counts: Array<{ status: string; n: number }> = [];

    beforeAll(async () => {
      const workDir = freshDir('duto-e2e-chart-');
      cpSync(join(ROOT, 'examples', 'orders-report'), workDir, { recursive: true });
      file = join(workDir, 'orders-report.duto.json');
      const rows = await queryRows(
        `SELECT status, count(*) AS n FROM read_csv_auto(${sqlPath(join(workDir, 'data', 'orders.csv'))}) GROUP BY status ORDER BY status`,
      );
      counts = rows.map((r) => ({ status: String(r['status']), n: Number(r['n']) }));
      target = await launchTarget(kind, workDir);
      app = new AppPage(target.page);
      await target.answerOpen(file, () => app.toolbar.clickOpen());
      await app.canvas.node('orders').waitFor();
      await app.settled();
    });
    screenshotFailures(() => target?.page);
    afterAll(() => closeTarget(target));

    async function showOrders(): Promise<void> {
      await app.canvas.select('orders');
      await app.preview.open();
      // The panel keeps the view it showed last (the Chart view, once reopened): rows first.
      await target.page.getByTestId('preview-view-rows').click();
      await app.preview.waitForRows('orders');
      await app.chart.open();
    }

    it('builds a bar chart from the empty Chart view: one bar per status, counted over every row', async () => {
      await showOrders();
      await app.chart.empty.waitFor();
      await app.chart.pick('type', 'bar');
      await app.chart.pick('x', 'status');
      await expect.poll(() => app.chart.bars(FIRST_SERIES).count()).toBe(counts.length);
      expect(await app.chart.info.innerText()).toMatch(new RegExp(`^${String(counts.length)} points in `));
      // The axis names the categories as the engine grouped them.
      const svgText = await target.page.locator('[data-testid="chart-canvas"] svg').innerHTML();
      for (const c of counts) expect(svgText).toContain(`>${c.status}<`);
      await app.chart.field('title').fill('Orders by status');
      // The picture shows the chart over the canvas, then the panel goes back.
      await target.page.getByTestId('bottom-maximise').click();
      await expect.poll(() => app.chart.bars(FIRST_SERIES).count()).toBe(counts.length);
      await screenshot(target.page, 'chart-view', target.workDir);
      await target.page.getByTestId('bottom-maximise').click();
    });

    it('saves the chart in the pipeline file, and reopening the file shows it again', async () => {
      await app.chart.save();
      await expect.poll(() => app.chart.saved(0).innerText()).toBe('Orders by status');
      await app.toolbar.button('file-save').click();
      await expect.poll(() => readFileSync(file, 'utf8')).toContain('"charts": [');
      const saved: unknown = JSON.parse(readFileSync(file, 'utf8'));
      expect(saved).toMatchObject({
        nodes: expect.arrayContaining([
          expect.objectContaining({ id: 'orders', charts: [{ title: 'Orders by status', type: 'bar', x: 'status' }] }),
        ]),
      });

      await target.answerOpen(file, () => app.toolbar.clickOpen());
      await app.canvas.node('orders').waitFor();
      await app.settled();
      await showOrders();
      await expect.poll(() => app.chart.saved(0).getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => app.chart.bars(FIRST_SERIES).count()).toBe(counts.length);
      expect(await app.chart.field('x').inputValue()).toBe('status');
    });

    it('a click on a bar filters the preview to that status', async () => {
      const i = counts.findIndex((c) => c.status === 'paid');
      const paid = counts[i];
      if (paid === undefined) throw new Error('the example has paid orders');
      await app.chart.bars(FIRST_SERIES).nth(i).click();
      await expect
        .poll(() => app.preview.matching.innerText())
        .toMatch(new RegExp(`^${paid.n.toLocaleString('en')} matching rows`));
      const statusColumn = (await app.preview.columns()).findIndex((c) => c.name === 'status');
      expect(new Set(await app.preview.columnValues(statusColumn))).toEqual(new Set(['paid']));
    });

    it('profiles the join: a histogram for each number, date and time, the top values of each text', async () => {
      const page = target.page;
      await app.canvas.select('with_customer');
      await app.preview.open();
      await page.getByTestId('preview-view-rows').click();
      await app.preview.waitForRows('with_customer');
      await page.getByTestId('preview-view-profile').click();
      // 13 columns: 9 numbers, dates and times (ids, quantities, prices, timestamps, the signup date), 4 texts.
      await expect.poll(() => page.getByTestId('profile-row').count()).toBe(13);
      await expect.poll(() => page.getByTestId('profile-histogram').count()).toBe(9);
      expect(await page.getByTestId('profile-top').count()).toBe(4);
      // Computed over the whole join: the filter upstream kept only paid orders.
      const statusRow = page.getByTestId('profile-row').filter({ hasText: 'status' });
      expect(await statusRow.getByTestId('profile-value').allInnerTexts()).toEqual([expect.stringMatching(/^paid\s/)]);
      // The picture: the panel over the canvas, both side panels folded so every column shows; the save's note gone.
      await page.getByTestId('bottom-maximise').click();
      await page.getByTestId('toggle-palette').click();
      await page.getByTestId('toggle-inspector').click();
      await page.getByTestId('toast').waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('profile-histogram').count()).toBe(9);
      await screenshot(page, 'profile', target.workDir);
      await page.getByTestId('toggle-palette').click();
      await page.getByTestId('toggle-inspector').click();
      await page.getByTestId('bottom-maximise').click();
    });
  });
}
