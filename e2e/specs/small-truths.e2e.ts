import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { closeTarget, launchWithPipeline } from '../support/opened-pipeline';
import { targets, type Target } from '../support/target';

/**
 * Issue #11 point 14, the smaller truths: the "count without a column counts
 * rows" hint shows under count measures only (and follows a change of
 * function), and the Profile tab of a failing node shows its error rather
 * than waiting forever or showing nothing.
 */

const HINT = 'Count without a column counts rows.';

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`smaller truths (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      ({ target, app } = await launchWithPipeline(
        kind,
        { 'orders.csv': 'id,status,amount\n1,paid,10\n2,open,20\n3,paid,5\n' },
        {
          name: 'truths',
          nodes: [
            { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
            {
              id: 'per_status',
              type: 'transform.aggregate',
              inputs: { in: 'orders' },
              params: {
                groupBy: ['status'],
                measures: [
                  { function: 'count', column: '', as: 'orders' },
                  { function: 'sum', column: 'amount', as: 'total' },
                ],
              },
            },
            { id: 'broken', type: 'transform.filter', inputs: { in: 'orders' }, params: { condition: 'nope > 1' } },
          ],
        },
      ));
    });
    screenshotFailures(() => target?.page);
    afterAll(() => closeTarget(target));

    it('shows the count hint under the count measure only, and moves it when a function changes', async () => {
      await app.canvas.select('per_status');
      const rows = target.page.getByTestId('param-measures').getByTestId('param-measures-row');
      await expect.poll(() => rows.count()).toBe(2);
      expect(await rows.nth(0).getByText(HINT).count()).toBe(1);
      expect(await rows.nth(1).getByText(HINT).count()).toBe(0);

      await app.inspector.choose('measures.0.function', 'max');
      await app.inspector.choose('measures.1.function', 'count');
      await expect.poll(() => rows.nth(0).getByText(HINT).count()).toBe(0);
      await expect.poll(() => rows.nth(1).getByText(HINT).count()).toBe(1);
    });

    it('the Profile tab of a failing node shows its error', async () => {
      await app.canvas.select('broken');
      await expect.poll(() => app.canvas.status('broken')).toBe('error');
      await app.preview.open();
      await target.page.getByTestId('preview-view-profile').click();
      const shown = target.page.getByTestId('profile-error');
      await shown.waitFor();
      expect(await shown.innerText()).toContain('nope');
      expect(await target.page.getByTestId('profile').count()).toBe(0);
      expect(target.pageErrors).toEqual([]);
    });
  });
}
