import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`undo and redo (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      target = await launchTarget(kind, freshDir('duto-e2e-undo-'));
      app = new AppPage(target.page);
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    it('undoes one drag of 60 mouse moves in one step, and redoes it', async () => {
      const { canvas, palette, toolbar } = app;
      const source = await palette.dragOnto('source.csv', await canvas.at(0.15, 0.2));
      const filter = await palette.dragOnto('transform.filter', await canvas.at(0.55, 0.2));
      await canvas.connect(source, filter);
      await expect.poll(() => canvas.edges.count()).toBe(1);

      const before = await canvas.position(filter);
      await canvas.dragNode(filter, { x: 40, y: 220 }, 60);
      const after = await canvas.position(filter);
      expect(after.y - before.y).toBeCloseTo(220, -1);

      await target.page.keyboard.press('ControlOrMeta+Z');
      await expect.poll(() => canvas.position(filter)).toEqual(before);
      // Only the move was undone: the wire made before it is still there.
      expect(await canvas.edges.count()).toBe(1);

      await target.page.keyboard.press('ControlOrMeta+Shift+Z');
      await expect.poll(() => canvas.position(filter)).toEqual(after);
      expect(await toolbar.button('redo').isDisabled()).toBe(true);
    });

    it('steps back through wire, nodes and typing to the empty canvas, and forward again', async () => {
      const { canvas, inspector, toolbar } = app;
      const [source, filter] = await canvas.nodeIds();
      if (source === undefined || filter === undefined) throw new Error('the first test left no nodes');

      // Typing a path is one step, however many keys it takes.
      await canvas.select(source);
      await inspector.fill('path', 'd');
      await target.page.keyboard.type('ata/orders.csv');
      expect(await inspector.field('path').inputValue()).toBe('data/orders.csv');

      await toolbar.undo();
      await expect.poll(() => inspector.field('path').inputValue()).toBe('');
      await toolbar.undo(); // the move
      await toolbar.undo(); // the wire
      await expect.poll(() => canvas.edges.count()).toBe(0);
      await toolbar.undo(); // the filter
      await toolbar.undo(); // the source
      await canvas.emptyState.waitFor();
      expect(await toolbar.button('undo').isDisabled()).toBe(true);

      for (let i = 0; i < 5; i++) await toolbar.redo();
      await expect.poll(() => canvas.nodeIds()).toEqual([source, filter]);
      expect(await canvas.edges.count()).toBe(1);
      await canvas.select(source);
      expect(await inspector.field('path').inputValue()).toBe('data/orders.csv');
      expect(await toolbar.button('redo').isDisabled()).toBe(true);
      expect(target.pageErrors).toEqual([]);
    });
  });
}
