import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { boxOf } from '../pages/canvas-page';
import { screenshotFailures } from '../support/failures';
import { freshDir, launchTarget, targets, VIEWPORT, type Target } from '../support/target';

/**
 * Canvas space (issue #11, point 5): Fit keeps nodes clear of the minimap,
 * the side panels collapse and stay so, the toolbar is one row at 1280×720
 * in English and Portuguese, the selected node stays on screen when the
 * inspector opens, and a new pipeline starts from the default view.
 */

const IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];

/** Nine nodes on a grid about as tall as the canvas is wide: a plain Fit puts the last one in the bottom-right corner, where the minimap is. */
function gridPipeline(): object {
  const ids = IDS;
  return {
    format: 'duto.pipeline',
    version: 2,
    name: 'grid',
    nodes: ids.map((id) => ({ id, type: 'transform.limit' })),
    layout: Object.fromEntries(ids.map((id, i) => [id, { x: (i % 3) * 300, y: Math.floor(i / 3) * 400 }])),
  };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`canvas space (${kind})`, () => {
    let target: Target;
    let app: AppPage;
    let gridFile: string;

    beforeAll(async () => {
      const workDir = freshDir('duto-e2e-space-');
      gridFile = join(workDir, 'grid.duto.json');
      writeFileSync(gridFile, `${JSON.stringify(gridPipeline(), null, 2)}\n`);
      target = await launchTarget(kind, workDir);
      app = new AppPage(target.page);
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    const transform = (): Promise<string> =>
      target.page
        .locator('.react-flow__viewport')
        .evaluate((el) => (el instanceof HTMLElement ? el.style.transform : ''));

    it('Fit leaves every node clear of the minimap', async () => {
      const { canvas, toolbar } = app;
      await target.answerOpen(gridFile, () => toolbar.clickOpen());
      await canvas.node('i').waitFor();
      await toolbar.fit();
      // The fit is animated by nothing, but React Flow applies it on its next frame.
      await expect.poll(async () => (await boxOf(canvas.node('i'))).x).toBeGreaterThan(0);
      const minimap = await boxOf(target.page.getByTestId('rf__minimap'));
      const canvasBox = await boxOf(canvas.root);
      for (const id of IDS) {
        const box = await boxOf(canvas.node(id));
        expect(overlaps(box, minimap), `node ${id} under the minimap`).toBe(false);
        expect(box.x + box.width).toBeLessThanOrEqual(canvasBox.x + canvasBox.width);
        expect(box.y + box.height).toBeLessThanOrEqual(canvasBox.y + canvasBox.height);
      }
      expect(target.pageErrors).toEqual([]);
    });

    it('a new pipeline starts from the default view, not the last one', async () => {
      const { canvas, toolbar } = app;
      await target.page.locator('.react-flow__controls-zoomin').click();
      await target.page.locator('.react-flow__controls-zoomin').click();
      const zoomed = await transform();
      expect(zoomed).not.toBe('translate(0px, 0px) scale(1)');
      await toolbar.newDocument();
      await canvas.emptyState.waitFor();
      await expect.poll(transform).toBe('translate(0px, 0px) scale(1)');
      // Opening a pipeline again fits it, whatever the view was.
      await target.answerOpen(gridFile, () => toolbar.clickOpen());
      await canvas.node('i').waitFor();
      await expect.poll(transform).not.toBe('translate(0px, 0px) scale(1)');
      const canvasBox = await boxOf(canvas.root);
      const last = await boxOf(canvas.node('i'));
      expect(last.x + last.width).toBeLessThanOrEqual(canvasBox.x + canvasBox.width);
    });

    it('the palette and the inspector collapse and re-open, and the app remembers', async () => {
      const { page } = target;
      await page.getByTestId('toggle-palette').click();
      await page.getByTestId('toggle-inspector').click();
      await app.palette.item('source.csv').waitFor({ state: 'detached' });
      await app.inspector.root.waitFor({ state: 'detached' });
      await page.reload();
      await app.canvas.root.waitFor();
      expect(await page.getByTestId('palette').count()).toBe(0);
      expect(await app.inspector.root.count()).toBe(0);
      expect(await page.getByTestId('toggle-palette').getAttribute('aria-expanded')).toBe('false');
      await page.getByTestId('toggle-palette').click();
      await page.getByTestId('toggle-inspector').click();
      await page.getByTestId('palette').waitFor();
      await app.inspector.root.waitFor();
      await page.reload();
      await app.canvas.root.waitFor();
      await page.getByTestId('palette').waitFor();
      await app.inspector.root.waitFor();
    });

    it('the selected node stays on screen when the inspector opens', async () => {
      const { canvas, palette, toolbar } = app;
      const { page } = target;
      await toolbar.newDocument();
      await canvas.emptyState.waitFor();
      await page.getByTestId('toggle-inspector').click();
      await app.inspector.root.waitFor({ state: 'detached' });
      // Near the right edge of the wide canvas: the inspector's 340 px would cover it.
      const id = await palette.dragOnto('transform.sort', await canvas.at(0.82, 0.3));
      await canvas.select(id);
      await page.getByTestId('toggle-inspector').click();
      await app.inspector.root.waitFor();
      await expect
        .poll(async () => {
          const c = await boxOf(canvas.root);
          const n = await boxOf(canvas.node(id));
          return n.x >= c.x && n.x + n.width <= c.x + c.width;
        })
        .toBe(true);
      expect(await app.inspector.nodeId.textContent()).toBe(id);
    });

    it('the toolbar is one row at 1280×720, in English and in Portuguese', async () => {
      const { page } = target;
      await page.setViewportSize({ width: 1280, height: 720 });
      try {
        for (const locale of ['en', 'pt-BR']) {
          await app.toolbar.button('open-settings').click();
          await page.getByTestId('pref-locale').selectOption(locale);
          await page.keyboard.press('Escape');
          await page.getByTestId('settings-overlay').waitFor({ state: 'detached' });
          const m = await page.locator('.toolbar').evaluate((tb) => ({
            height: tb.getBoundingClientRect().height,
            row: Math.max(...[...tb.querySelectorAll('button')].map((b) => b.getBoundingClientRect().height)),
            tops: [...tb.querySelectorAll('.tb-group')].map((g) =>
              Math.round(g.getBoundingClientRect().top + g.getBoundingClientRect().height / 2),
            ),
          }));
          // One row: every group on the same line, and the bar no taller than a button and its padding.
          expect(new Set(m.tops).size, `${locale}: groups on ${m.tops.join(', ')}`).toBe(1);
          expect(m.height, locale).toBeLessThan(m.row * 2);
        }
      } finally {
        await app.toolbar.button('open-settings').click();
        await page.getByTestId('pref-locale').selectOption('en');
        await page.keyboard.press('Escape');
        await page.setViewportSize(VIEWPORT);
      }
      expect(target.pageErrors).toEqual([]);
    });
  });
}
