import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { boxOf } from '../pages/canvas-page';
import { screenshotFailures } from '../support/failures';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * A drag on a zoomed-out canvas (issue #11, a canvas that never stutters):
 * its frames move the node's element and the far wires without going
 * through React Flow's store (renderer/src/canvas/far-drag.ts); the drop is
 * one move in the document, undone in one step, and the wires follow.
 */
for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`a drag zoomed out (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      target = await launchTarget(kind, freshDir('duto-e2e-far-drag-'));
      app = new AppPage(target.page);
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    it('moves the node and its wire while dragging, lands once, and one undo puts it back', async () => {
      const { canvas, palette, toolbar } = app;
      const { page } = target;
      await toolbar.newDocument();
      const source = await palette.dragOnto('source.csv', await canvas.at(0.3, 0.4));
      const sort = await palette.dragOnto('transform.sort', await canvas.at(0.6, 0.4));
      await canvas.connect(source, sort);
      await app.settled();
      // Zoomed out past the far zoom: nodes are boxes, wires one SVG of paths.
      const far = page.getByTestId('far-edges');
      for (let i = 0; i < 12 && (await far.count()) === 0; i++)
        await page.locator('.react-flow__controls-zoomout').click();
      await far.waitFor();
      const node = canvas.node(sort);
      await node.locator('.pnode-far').waitFor();
      const wirePaths = async (): Promise<string> =>
        (await far.locator('path').evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? ''))).join(' ');
      const wireBefore = await wirePaths();
      expect(wireBefore).toMatch(/^M/);
      const before = await boxOf(node);

      const grab = { x: before.x + before.width / 2, y: before.y + before.height / 2 };
      await page.mouse.move(grab.x, grab.y);
      await page.mouse.down();
      await page.mouse.move(grab.x + 40, grab.y + 30, { steps: 10 });
      // Mid-drag: the node's element and its wire have moved.
      await expect.poll(async () => (await boxOf(node)).x).toBeGreaterThan(before.x + 30);
      await expect.poll(wirePaths).not.toBe(wireBefore);
      await page.mouse.move(grab.x + 80, grab.y + 60, { steps: 10 });
      await page.mouse.up();
      await app.settled();

      const after = await boxOf(node);
      expect(after.x - before.x).toBeCloseTo(80, -1);
      expect(after.y - before.y).toBeCloseTo(60, -1);
      const wireAfter = await wirePaths();
      expect(wireAfter).not.toBe(wireBefore);
      // One undo: the node and its wire are back.
      await toolbar.undo();
      await expect.poll(async () => (await boxOf(node)).x).toBeCloseTo(before.x, 0);
      expect((await boxOf(node)).y).toBeCloseTo(before.y, 0);
      await expect.poll(wirePaths).toBe(wireBefore);
      // Zoomed in again, React Flow draws the wire between the nodes where they are.
      for (let i = 0; i < 12 && (await far.count()) > 0; i++)
        await page.locator('.react-flow__controls-zoomin').click();
      await expect.poll(() => canvas.wireIds()).toEqual([`${sort}|in|${source}`]);
      expect(target.pageErrors).toEqual([]);
    });
  });
}
