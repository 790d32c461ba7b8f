import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { closeTarget, launchWithPipeline } from '../support/opened-pipeline';
import { targets, type Target } from '../support/target';

/**
 * Rows between nodes (issue #11): after a run every node shows its own row
 * count and every wire the rows it carried; an edit hides the counts it made
 * stale; the preview says how many rows of the whole output it shows.
 */

// 250 rows, 200 of them with a positive amount.
const CSV = `id,amount\n${Array.from({ length: 250 }, (_, i) => `${i + 1},${i - 49}`).join('\n')}\n`;

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`row counts (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      ({ target, app } = await launchWithPipeline(
        kind,
        { 'orders.csv': CSV },
        {
          name: 'rows',
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
            { id: 'positive', type: 'transform.filter', inputs: { in: 'orders' }, params: { condition: 'amount > 0' } },
            {
              id: 'doubled',
              type: 'transform.derive',
              inputs: { in: 'positive' },
              params: { columns: [{ name: 'twice', expression: 'amount * 2' }] },
            },
            { id: 'out', type: 'sink.csv', inputs: { in: 'doubled' }, params: { path: 'out.csv' } },
          ],
        },
      ));
      await app.run.runAll();
      expect(await app.run.waitForEnd()).toMatch(/finished/i);
    });
    screenshotFailures(() => target?.page);
    afterAll(() => closeTarget(target));

    it("every node shows its own rows, and the chain's time once, on the sink", async () => {
      const badges = async (): Promise<string[]> =>
        Promise.all(['orders', 'positive', 'doubled', 'out'].map((id) => app.canvas.statusBadge(id).innerText()));
      await expect
        .poll(badges)
        .toEqual([
          expect.stringMatching(/^250 rows$/),
          expect.stringMatching(/^200 rows$/),
          expect.stringMatching(/^200 rows$/),
          expect.stringMatching(/^200 rows · \d/),
        ]);
    });

    it('every wire shows the rows its source gave', async () => {
      expect(await app.canvas.wireRows('orders', 'positive').innerText()).toBe('250');
      expect(await app.canvas.wireRows('positive', 'doubled').innerText()).toBe('200');
      expect(await app.canvas.wireRows('doubled', 'out').innerText()).toBe('200');
    });

    it('the preview says how many rows of the whole output it shows', async () => {
      await app.canvas.select('orders');
      await app.preview.open();
      await app.preview.waitForRows('orders');
      expect(await app.preview.info.innerText()).toMatch(/^100 of 250 rows · 2 columns/);
    });

    it('an edit hides the counts it made stale, not those above it; undo brings them back', async () => {
      await app.canvas.select('positive');
      await app.inspector.typeCode('condition', 'amount > 1');
      await app.settled();
      await expect.poll(() => app.canvas.wireRows('positive', 'doubled').count()).toBe(0);
      expect(await app.canvas.wireRows('orders', 'positive').innerText()).toBe('250');
      await app.toolbar.undo();
      await expect.poll(() => app.canvas.wireRows('positive', 'doubled').count()).toBe(1);
    });
  });
}
