import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { closeTarget, launchWithPipeline } from '../support/opened-pipeline';
import { targets, type Target } from '../support/target';

/**
 * Looking at the data (issue #13): the profile draws a histogram for each
 * numeric column and bars for the most frequent texts, computed by the
 * engine over the whole output; clicking a value filters the preview, and
 * the pick becomes a Filter node in one click.
 */

// 500 rows: amount 0..499 (a permutation), two cities.
const CSV = `id,amount,city\n${Array.from({ length: 500 }, (_, i) => `${i + 1},${(i * 37) % 500},${i % 3 === 0 ? 'São Paulo' : 'Recife'}`).join('\n')}\n`;

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`visual profile (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      ({ target, app } = await launchWithPipeline(
        kind,
        { 'orders.csv': CSV },
        {
          name: 'charts',
          nodes: [
            {
              id: 'orders',
              type: 'source.csv',
              params: {
                path: 'orders.csv',
                delimiter: ',',
                quote: '"',
                escape: '"',
                header: true,
                skipRows: 0,
                encoding: 'utf-8',
                decimal: '.',
                thousands: '',
                dateFormat: '',
                timestampFormat: '',
                comment: '',
              },
            },
          ],
        },
      ));
      await app.canvas.select('orders');
      await app.preview.open();
      await app.preview.waitForRows('orders');
    });
    screenshotFailures(() => target?.page);
    afterAll(() => closeTarget(target));

    it('draws histograms and top values, and a click on a value filters the preview', async () => {
      const page = target.page;
      await page.getByTestId('preview-view-profile').click();
      // id and amount: 30 bins each of an SVG histogram; city: its two values.
      await expect.poll(() => page.getByTestId('profile-histogram').count()).toBe(2);
      expect(await page.getByTestId('profile-histogram').first().locator('rect').count()).toBe(30);
      await expect
        .poll(() => page.getByTestId('profile-value').allInnerTexts())
        .toEqual([expect.stringMatching(/^Recife\s*333$/), expect.stringMatching(/^São Paulo\s*167$/)]);
      await page.getByTestId('profile-value').nth(1).click();
      await expect.poll(() => app.preview.matching.innerText()).toMatch(/^167 matching rows/);
      expect(new Set(await app.preview.columnValues(2))).toEqual(new Set(['São Paulo']));
    });

    it('a click on a bar filters by its range, and the pick becomes a Filter node', async () => {
      const page = target.page;
      await page.getByTestId('preview-view-profile').click();
      // amount's first bin: 0 ≤ amount < 16.63…: 17 rows.
      await page.getByTestId('profile-histogram').nth(1).locator('rect').first().click();
      await expect.poll(() => app.preview.matching.innerText()).toMatch(/^17 matching rows/);
      await page.getByTestId('profile-make-filter').click();
      await expect.poll(() => app.canvas.node('filter').count()).toBe(1);
      await expect.poll(() => app.inspector.codeText('condition')).toMatch(/^"amount" >= 0 AND "amount" < 16\.6/);
    });
  });
}
