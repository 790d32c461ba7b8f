import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotFailures } from '../support/failures';
import { closeTarget, launchWithPipeline } from '../support/opened-pipeline';
import { targets, type Target } from '../support/target';

/**
 * Quiet type surprises (issue #11, point 4): a node that changes a column's
 * type says so on the canvas — the type coming in and going out — and a
 * node that keeps the types shows none.
 */

const CSV = 'id,amount,note\n1,10,a\n2,5,b\n';

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`type changes on the canvas (${kind})`, () => {
    let target: Target;

    beforeAll(async () => {
      ({ target } = await launchWithPipeline(
        kind,
        { 'orders.csv': CSV },
        {
          name: 'types',
          nodes: [
            { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
            {
              id: 'as_text',
              type: 'transform.cast',
              inputs: { in: 'orders' },
              params: { casts: [{ column: 'amount', type: 'VARCHAR' }] },
            },
            { id: 'kept', type: 'transform.filter', inputs: { in: 'as_text' }, params: { condition: "note <> 'z'" } },
          ],
        },
      ));
    });
    screenshotFailures(() => target?.page);
    afterAll(() => closeTarget(target));

    it('the cast shows amount going from its read type to VARCHAR; the filter after it shows no change', async () => {
      const change = target.page.getByTestId('type-change-as_text-amount');
      await expect.poll(() => change.innerText()).toBe('BIGINT → VARCHAR');
      expect(await change.getAttribute('title')).toBe('type changed here: BIGINT coming in, VARCHAR going out');
      expect(await target.page.locator('[data-testid^="type-change-as_text-"]').count()).toBe(1);
      expect(await target.page.locator('[data-testid^="type-change-kept-"]').count()).toBe(0);
      expect(await target.page.locator('[data-testid^="type-change-orders-"]').count()).toBe(0);
      expect(target.pageErrors).toEqual([]);
    });
  });
}
