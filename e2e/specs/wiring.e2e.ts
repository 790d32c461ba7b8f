import { rmSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { boxOf } from '../pages/canvas-page';
import { screenshotFailures } from '../support/failures';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * Wiring friction (issue #11, point 8): a node dropped on a wire goes into
 * it, a wire dropped on a taken input replaces the old one, and `/` with a
 * node selected adds the next node wired after it.
 */
for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`wiring (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      target = await launchTarget(kind, freshDir('duto-e2e-wiring-'));
      app = new AppPage(target.page);
    });
    beforeEach(async () => {
      await app.toolbar.newDocument();
      await app.canvas.emptyState.waitFor();
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    /** A source wired to a sort, side by side: the wire runs level between them. */
    async function twoWired(): Promise<{ source: string; sort: string; wire: string }> {
      const { canvas, palette } = app;
      const source = await palette.dragOnto('source.csv', await canvas.at(0.08, 0.3));
      const sort = await palette.dragOnto('transform.sort', await canvas.at(0.62, 0.3));
      await canvas.connect(source, sort);
      const wire = `${sort}|in|${source}`;
      await expect.poll(() => canvas.wireIds()).toEqual([wire]);
      await app.settled();
      return { source, sort, wire };
    }

    it('a node dragged from the palette onto a wire goes into it', async () => {
      const { canvas, palette } = app;
      const { source, sort, wire } = await twoWired();
      const filter = await palette.dragOnto('transform.filter', await canvas.wireMiddle(wire));
      await expect.poll(() => canvas.wireIds()).toEqual([`${filter}|in|${source}`, `${sort}|in|${filter}`].sort());
      expect(target.pageErrors).toEqual([]);
    });

    it('an unconnected node dragged onto a wire goes into it, and one undo takes it out again', async () => {
      const { canvas, palette, toolbar } = app;
      const { source, sort, wire } = await twoWired();
      const limit = await palette.dragOnto('transform.limit', await canvas.at(0.3, 0.7));
      await app.settled();
      const before = await canvas.position(limit);
      await canvas.dragNodeMiddleTo(limit, await canvas.wireMiddle(wire));
      await expect.poll(() => canvas.wireIds()).toEqual([`${limit}|in|${source}`, `${sort}|in|${limit}`].sort());
      // The move and the insertion are one step.
      await toolbar.undo();
      await expect.poll(() => canvas.wireIds()).toEqual([wire]);
      expect(await canvas.position(limit)).toEqual(before);
      expect(target.pageErrors).toEqual([]);
    });

    it('a node held over a wire marks that wire, and the mark goes when it moves away', async () => {
      const { canvas, palette } = app;
      const { page } = target;
      const { wire } = await twoWired();
      const limit = await palette.dragOnto('transform.limit', await canvas.at(0.3, 0.7));
      await app.settled();
      const head = await boxOf(canvas.node(limit).locator('.pnode-head'));
      const node = await boxOf(canvas.node(limit));
      const grab = { x: head.x + head.width / 2, y: head.y + head.height / 2 };
      const middle = await canvas.wireMiddle(wire);
      const over = {
        x: grab.x + middle.x - (node.x + node.width / 2),
        y: grab.y + middle.y - (node.y + node.height / 2),
      };
      const marked = canvas.edges.and(page.locator('.is-drop-target'));
      await page.mouse.move(grab.x, grab.y);
      await page.mouse.down();
      await page.mouse.move(over.x, over.y, { steps: 15 });
      await expect.poll(() => marked.getAttribute('data-id')).toBe(wire);
      await page.mouse.move(over.x, over.y + 200, { steps: 10 });
      await expect.poll(() => marked.count()).toBe(0);
      await page.mouse.up();
      expect(await canvas.wireIds()).toEqual([wire]);
    });

    it('a node moved across the canvas away from wires stays unwired', async () => {
      const { canvas, palette } = app;
      const { wire } = await twoWired();
      const limit = await palette.dragOnto('transform.limit', await canvas.at(0.3, 0.7));
      await canvas.dragNode(limit, { x: 60, y: 40 });
      await app.settled();
      expect(await canvas.wireIds()).toEqual([wire]);
    });

    it('a wire dropped on an input that is already wired replaces the old wire, and one undo restores it', async () => {
      const { canvas, palette, toolbar } = app;
      const orders = await palette.dragOnto('source.csv', await canvas.at(0.08, 0.2));
      const customers = await palette.dragOnto('source.csv', await canvas.at(0.08, 0.6));
      const filter = await palette.dragOnto('transform.filter', await canvas.at(0.6, 0.4));
      await canvas.connect(orders, filter);
      await expect.poll(() => canvas.wireIds()).toEqual([`${filter}|in|${orders}`]);
      await canvas.connect(customers, filter);
      await expect.poll(() => canvas.wireIds()).toEqual([`${filter}|in|${customers}`]);
      await toolbar.undo();
      await expect.poll(() => canvas.wireIds()).toEqual([`${filter}|in|${orders}`]);
      expect(target.pageErrors).toEqual([]);
    });

    it('/ with a node selected adds the next node wired after it, to its right', async () => {
      const { canvas, palette } = app;
      const source = await palette.dragOnto('source.csv', await canvas.at(0.2, 0.4));
      await app.settled();
      await canvas.select(source);
      await target.page.keyboard.press('/');
      const filter = await canvas.quickAddEnter('filter', 'transform.filter');
      await expect.poll(() => canvas.wireIds()).toEqual([`${filter}|in|${source}`]);
      const a = await boxOf(canvas.node(source));
      const b = await boxOf(canvas.node(filter));
      expect(b.x).toBeGreaterThan(a.x + a.width);
      expect(Math.abs(b.y - a.y)).toBeLessThan(2);
      expect(target.pageErrors).toEqual([]);
    });

    it('/ after a node at the right edge brings the new node into view', async () => {
      const { canvas, palette } = app;
      const source = await palette.dragOnto('source.csv', await canvas.at(0.86, 0.4));
      await app.settled();
      await canvas.select(source);
      await target.page.keyboard.press('/');
      const sort = await canvas.quickAddEnter('sort', 'transform.sort');
      await expect.poll(() => canvas.wireIds()).toEqual([`${sort}|in|${source}`]);
      await expect
        .poll(async () => {
          const c = await boxOf(canvas.root);
          const n = await boxOf(canvas.node(sort));
          return n.x >= c.x && n.x + n.width <= c.x + c.width;
        })
        .toBe(true);
    });

    it('a wire that goes back runs around the nodes, never through them', async () => {
      const { canvas, palette } = app;
      const sort = await palette.dragOnto('transform.sort', await canvas.at(0.12, 0.3));
      const source = await palette.dragOnto('source.csv', await canvas.at(0.62, 0.3));
      await canvas.connect(source, sort);
      const wire = `${sort}|in|${source}`;
      await expect.poll(() => canvas.wireIds()).toEqual([wire]);
      await app.settled();
      const crossing = await target.page.evaluate(
        ({ wire, ids }) => {
          const path = document.querySelector<SVGPathElement>(
            `.react-flow__edge[data-id="${wire}"] path.react-flow__edge-path`,
          );
          if (path === null) return ['no wire'];
          const boxes = ids.map((id) =>
            document.querySelector(`.react-flow__node[data-id="${id}"]`)?.getBoundingClientRect(),
          );
          const ctm = path.getScreenCTM();
          const hits: string[] = [];
          const length = path.getTotalLength();
          for (let i = 0; i <= 200; i++) {
            const local = path.getPointAtLength((length * i) / 200);
            const p = ctm === null ? local : local.matrixTransform(ctm);
            for (const [k, b] of boxes.entries()) {
              // 4 px in from each side: the wire may touch a node where it meets its handle.
              if (b !== undefined && p.x > b.left + 4 && p.x < b.right - 4 && p.y > b.top + 4 && p.y < b.bottom - 4)
                hits.push(`${ids[k] ?? ''} at ${Math.round(p.x)},${Math.round(p.y)}`);
            }
          }
          return hits;
        },
        { wire, ids: [source, sort] },
      );
      expect(crossing).toEqual([]);
    });
  });
}
