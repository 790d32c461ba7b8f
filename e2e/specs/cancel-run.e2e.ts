import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/** About 4·10¹⁰ rows to sum: minutes of work, so the run is surely still going when cancelled. */
const SLOW_QUERY = 'SELECT sum(a.range * b.range) AS total FROM range(200000) a, range(200000) b';

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`cancelling a long run (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      target = await launchTarget(kind, freshDir('duto-e2e-cancel-'));
      app = new AppPage(target.page);
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    it('stops it: the log says cancelled, the nodes say so, and no output file is left', async () => {
      const { canvas, palette, inspector, run } = app;
      const query = await palette.dragOnto('transform.sql', await canvas.at(0.15, 0.25));
      await inspector.typeCode('query', SLOW_QUERY);
      const sink = await palette.dragOnto('sink.parquet', await canvas.at(0.55, 0.25));
      await inspector.fill('path', 'out/slow.parquet');
      await canvas.connect(query, sink);
      await app.settled();
      expect(await canvas.status(query)).toBe('ok');
      await expect.poll(() => canvas.columns(query).allInnerTexts()).toEqual(['total']);

      await run.runAll();
      await expect.poll(() => canvas.status(sink)).toBe('running');
      // While it runs: a bar under the toolbar says how many of its nodes are over.
      const progress = target.page.getByTestId('run-progress');
      await progress.waitFor();
      expect(await progress.getAttribute('aria-valuemax')).toBe('2');
      expect(Number(await progress.getAttribute('aria-valuenow'))).toBeLessThan(2);
      await target.page.waitForTimeout(1_000);
      expect(await canvas.status(sink)).toBe('running');
      const cancelledAt = Date.now();
      await run.cancel();
      expect(await run.waitForEnd(15_000)).toMatch(/cancelled/i);
      expect(Date.now() - cancelledAt).toBeLessThan(10_000);

      expect(await canvas.status(sink)).toBe('cancelled');
      expect(await run.runAllButton.isEnabled()).toBe(true);
      expect(await progress.count()).toBe(0);
      const out = join(target.workDir, 'out');
      const left = existsSync(out) ? readdirSync(out) : [];
      expect(left).toEqual([]);
      expect(target.pageErrors).toEqual([]);
    });

    it('another pipeline starts with a log of its own; the log shows its newest line', async () => {
      expect(await app.run.entries.count()).toBeGreaterThan(0);
      const scroller = target.page.getByTestId('run-log-scroll');
      const atBottom = await scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight <= 40);
      expect(atBottom).toBe(true);
      await app.toolbar.newDocument();
      await target.page.getByTestId('bottom-log').waitFor();
      await expect.poll(() => app.run.entries.count()).toBe(0);
    });
  });
}
