import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * Quiet type surprises (issue #11, point 4): a node that changes a column's
 * type says so on the canvas — the type coming in and going out — and a
 * node that keeps the types shows none.
 */

const CSV = 'id,amount,note\n1,10,a\n2,5,b\n';

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`type changes on the canvas (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      const workDir = freshDir('duto-e2e-types-');
      writeFileSync(join(workDir, 'orders.csv'), CSV);
      const doc = {
        format: 'duto.pipeline',
        version: 2,
        name: 'types',
        nodes: [
          { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
          { id: 'as_text', type: 'transform.cast', inputs: { in: 'orders' }, params: { casts: [{ column: 'amount', type: 'VARCHAR' }] } },
          { id: 'kept', type: 'transform.filter', inputs: { in: 'as_text' }, params: { condition: "note <> 'z'" } },
        ],
      };
      writeFileSync(join(workDir, 'types.duto.json'), `${JSON.stringify(doc, null, 2)}\n`);
      target = await launchTarget(kind, workDir);
      app = new AppPage(target.page);
      await target.answerOpen(join(workDir, 'types.duto.json'), () => app.toolbar.clickOpen());
      await app.canvas.node('kept').waitFor();
      await app.settled();
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

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
