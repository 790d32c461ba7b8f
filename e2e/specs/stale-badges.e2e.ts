import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { closeTarget, launchWithPipeline } from '../support/opened-pipeline';
import { targets, type Target } from '../support/target';

/**
 * The canvas tells the truth (issue #11): after a run, a node broken three
 * ways — an unknown column, a missing file, a deleted input — never shows
 * the old "Done"; everything downstream is "changed since the run" or
 * failing; and undo brings back the run's results without running again.
 */

const CSV = 'id,amount\n1,10\n2,-5\n3,7\n';

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`stale badges (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      ({ target, app } = await launchWithPipeline(
        kind,
        { 'orders.csv': CSV },
        {
          name: 'stale',
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
            { id: 'out', type: 'sink.csv', inputs: { in: 'positive' }, params: { path: 'out.csv' } },
          ],
        },
      ));
      await app.run.runAll();
      expect(await app.run.waitForEnd()).toMatch(/finished/i);
    });
    screenshotFailures(() => target?.page);
    afterAll(() => closeTarget(target));

    const statuses = async (): Promise<string[]> =>
      Promise.all(['orders', 'positive', 'out'].map(async (id) => (await app.canvas.status(id)) ?? ''));
    const allDone = async (): Promise<void> => {
      await expect.poll(statuses).toEqual(['done', 'done', 'done']);
    };

    it('after the run every node is done', allDone);

    it('an unknown column: the filter shows its error, the sink is stale; undo recovers', async () => {
      await app.canvas.select('positive');
      await app.inspector.typeCode('condition', 'nope > 0');
      await app.settled();
      await expect.poll(statuses).toEqual(['done', 'error', 'stale']);
      await app.toolbar.undo();
      await allDone();
    });

    it('a missing file: the source shows its error, everything downstream is stale; undo recovers', async () => {
      await app.canvas.select('orders');
      await app.inspector.fill('path', 'missing.csv');
      await app.settled();
      const [source, ...below] = await statuses();
      expect(source).toBe('error');
      for (const s of below) expect(['stale', 'error']).toContain(s);
      await app.toolbar.undo();
      await allDone();
    });

    it('a deleted input: the filter says it is not connected, the sink is stale; undo recovers', async () => {
      await app.canvas.select('orders');
      await target.page.keyboard.press('Delete');
      await expect.poll(() => app.canvas.nodeIds()).not.toContain('orders');
      await app.settled();
      const [filter, sink] = await Promise.all(
        ['positive', 'out'].map(async (id) => (await app.canvas.status(id)) ?? ''),
      );
      expect(filter).toBe('error');
      expect(['stale', 'error']).toContain(sink);
      await app.toolbar.undo();
      await allDone();
    });
  });
}
