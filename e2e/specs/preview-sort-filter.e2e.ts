import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * A preview that works like a tool (issue #11): clicking a header sorts and
 * a column's filter filters the node's whole output — pushed to the engine,
 * not over the 100 rows loaded — with the number of matching rows; the panel
 * can be resized and maximised; a row is copied as tab-separated text.
 */

// 500 rows: the amount is a permutation of 0..499, so the largest ones are far past the first 100 rows.
const CSV = `id,amount,city\n${Array.from({ length: 500 }, (_, i) => `${i + 1},${(i * 37) % 500},${i % 3 === 0 ? 'São Paulo' : 'Recife'}`).join('\n')}\n`;

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`preview sort and filter (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      const workDir = freshDir('duto-e2e-sort-');
      writeFileSync(join(workDir, 'orders.csv'), CSV);
      const doc = {
        format: 'duto.pipeline',
        version: 2,
        name: 'sorting',
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
      };
      writeFileSync(join(workDir, 'sorting.duto.json'), `${JSON.stringify(doc, null, 2)}\n`);
      target = await launchTarget(kind, workDir);
      app = new AppPage(target.page);
      await target.answerOpen(join(workDir, 'sorting.duto.json'), () => app.toolbar.clickOpen());
      await app.canvas.node('orders').waitFor();
      await app.settled();
      await app.canvas.select('orders');
      await app.preview.open();
      await app.preview.waitForRows('orders');
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    it('a header click sorts every row of the output, descending on the second click', async () => {
      // The 100 rows loaded first hold 0, 15 and 16 as their smallest amounts; the whole output's are 0, 1, 2.
      await app.preview.sortBy('amount');
      await expect.poll(() => app.preview.sortState('amount')).toBe('ascending');
      await expect.poll(async () => (await app.preview.columnValues(1)).slice(0, 3)).toEqual(['0', '1', '2']);
      await app.preview.sortBy('amount');
      await expect.poll(() => app.preview.sortState('amount')).toBe('descending');
      await expect.poll(async () => (await app.preview.columnValues(1)).slice(0, 3)).toEqual(['499', '498', '497']);
      expect(await app.preview.matching.innerText()).toMatch(/^500 matching rows/);
      await app.preview.sortBy('amount');
      await expect.poll(() => app.preview.sortState('amount')).toBe('none');
    });

    it('a column filter keeps the rows that match over the whole output, and says how many', async () => {
      await app.preview.filter('city', 'paulo');
      await expect.poll(() => app.preview.matching.innerText()).toMatch(/^167 matching rows/);
      expect(new Set(await app.preview.columnValues(2))).toEqual(new Set(['São Paulo']));
      await app.preview.filter('amount', '>= 495');
      await expect.poll(() => app.preview.matching.innerText()).toMatch(/^[0-9] matching rows/);
      const amounts = (await app.preview.columnValues(1)).map(Number);
      expect(amounts.every((a) => a >= 495)).toBe(true);
      await app.preview.filter('amount', '');
      await app.preview.filter('city', '');
      await expect.poll(() => app.preview.matching.count()).toBe(0);
    });

    it('the panel is resized by its edge and maximised over the canvas', async () => {
      const panel = target.page.getByTestId('bottom-preview');
      const before = (await panel.boundingBox())?.height ?? 0;
      const edge = target.page.getByTestId('bottom-resize');
      await edge.focus();
      await target.page.keyboard.press('ArrowUp');
      await target.page.keyboard.press('ArrowUp');
      await expect.poll(async () => (await panel.boundingBox())?.height ?? 0).toBeGreaterThan(before + 60);
      await target.page.getByTestId('bottom-maximise').click();
      const workspace = (await target.page.locator('main.center').boundingBox())?.height ?? 0;
      await expect.poll(async () => (await panel.boundingBox())?.height ?? 0).toBeGreaterThan(workspace - 2);
      await target.page.getByTestId('bottom-maximise').click();
      await expect.poll(async () => (await panel.boundingBox())?.height ?? 0).toBeLessThan(workspace - 50);
    });

    it('a selected row is copied as tab-separated text', async () => {
      await target.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await target.page.getByTestId('preview-row-2').click();
      await target.page.getByTestId('preview-grid').press('Control+c');
      await expect.poll(() => target.page.evaluate(() => navigator.clipboard.readText())).toBe('2\t37\tRecife');
    });
  });
}
