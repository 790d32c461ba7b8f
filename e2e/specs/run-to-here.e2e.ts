import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { closeTarget, launchWithPipeline } from '../support/opened-pipeline';
import { targets, type Target } from '../support/target';

/**
 * Edit, re-run, see (issue #12): after a run, an edit below the sort and
 * "Run to here" on the edited node take the source and the sort from the
 * node cache ("from cache") and compute only the edited node; the preview
 * of the edited node shows its new rows.
 */

const CSV = `id,amount\n${Array.from({ length: 400 }, (_, i) => `${i + 1},${(i * 37) % 101}`).join('\n')}\n`;

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`run to here from the cache (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      ({ target, app } = await launchWithPipeline(
        kind,
        { 'orders.csv': CSV },
        {
          name: 'rerun',
          nodes: [
            { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
            {
              id: 'sorted',
              type: 'transform.sort',
              inputs: { in: 'orders' },
              params: { keys: [{ column: 'amount', direction: 'desc' }] },
            },
            { id: 'big', type: 'transform.filter', inputs: { in: 'sorted' }, params: { condition: 'amount > 50' } },
            { id: 'out', type: 'sink.csv', inputs: { in: 'big' }, params: { path: 'out.csv' } },
          ],
        },
      ));
      await app.run.runAll();
      expect(await app.run.waitForEnd()).toMatch(/finished/i);
    });
    screenshotFailures(() => target?.page);
    afterAll(() => closeTarget(target));

    it('the first run computes every node: none says "from cache"', async () => {
      for (const id of ['orders', 'sorted', 'big', 'out']) {
        expect(await app.canvas.status(id)).toBe('done');
        expect(await target.page.getByTestId(`node-origin-${id}`).count()).toBe(0);
      }
      const written = readFileSync(join(target.workDir, 'out.csv'), 'utf8').trim().split('\n');
      // 197 of the 400 amounts are above 50.
      expect(written.length - 1).toBe(197);
    });

    it('after an edit below the sort, Run to here takes the source and the sort from the cache and computes the edited node', async () => {
      const { canvas, inspector } = app;
      await canvas.select('big');
      await inspector.typeCode('condition', 'amount > 90');
      await app.settled();
      // The edit made the filter's result stale; what is above it is not.
      await expect.poll(() => canvas.status('big')).not.toBe('done');
      await target.page.getByTestId('run-to').click();
      expect(await app.run.waitForEnd()).toMatch(/finished/i);

      await expect.poll(() => canvas.status('big')).toBe('done');
      for (const id of ['orders', 'sorted']) await target.page.getByTestId(`node-origin-${id}`).waitFor();
      expect(await target.page.getByTestId('node-origin-big').count()).toBe(0);
      // Run to here stops at the node: the sink below was not written again.
      const written = readFileSync(join(target.workDir, 'out.csv'), 'utf8').trim().split('\n');
      expect(written.slice(1).every((l) => Number(l.split(',')[1]) > 50)).toBe(true);
      expect(written.slice(1).some((l) => Number(l.split(',')[1]) <= 90)).toBe(true);
      expect(target.pageErrors).toEqual([]);
    });

    it('the edited node’s preview shows its new rows only', async () => {
      await app.preview.open();
      await app.preview.waitForRows('big');
      const first = await app.preview.row(0);
      expect(Number(first[first.length - 1])).toBeGreaterThan(90);
      await expect.poll(() => app.preview.info.innerText()).toMatch(/^39 rows · 2 columns/);
    });
  });
}
