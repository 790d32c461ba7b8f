import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * Column-level lineage on the canvas (issue #14): picking a column on a
 * node, or in the preview's header, highlights the nodes that carry it
 * (where it comes from, where it goes) and dims the others, until cleared.
 */

const NODES = ['orders', 'customers', 'paid_orders', 'with_revenue', 'with_customer', 'by_month', 'sorted', 'report'];

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`column lineage on the canvas (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      target = await launchTarget(kind, freshDir('duto-e2e-col-lineage-'));
      app = new AppPage(target.page);
      await app.canvas.emptyState.waitFor();
      await target.page.getByTestId('empty-example-orders-report').click();
      await app.canvas.node('by_month').waitFor();
      await app.settled();
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    const lineageOf = async (): Promise<Record<string, string | null>> =>
      Object.fromEntries(
        await Promise.all(
          NODES.map(
            async (id) => [id, await target.page.getByTestId(`pnode-${id}`).getAttribute('data-lineage')] as const,
          ),
        ),
      );
    const onPath = async (): Promise<string[]> =>
      Object.entries(await lineageOf())
        .filter(([, v]) => v === 'on')
        .map(([k]) => k);

    it('a column on a node: its path from the customers source to the report is highlighted, the order-side nodes dimmed; cleared again', async () => {
      const { page } = target;
      await page.getByTestId('node-col-by_month-country').click();
      await expect.poll(onPath).toEqual(['customers', 'with_customer', 'by_month', 'sorted', 'report']);
      expect(await page.getByTestId('pnode-orders').getAttribute('data-lineage')).toBe('off');
      expect(await page.getByTestId('pnode-paid_orders').getAttribute('data-lineage')).toBe('off');
      await expect
        .poll(() => page.getByTestId('column-path-bar').innerText())
        .toContain('Path of column by_month.country: 5 nodes');
      await page.getByTestId('column-path-clear').click();
      await expect.poll(lineageOf).toEqual(Object.fromEntries(NODES.map((id) => [id, ''])));
      expect(await page.getByTestId('column-path-bar').count()).toBe(0);
    });

    it("a column in the preview's header: revenue comes from the orders through every transform, not from customers", async () => {
      const { page } = target;
      await app.canvas.select('sorted');
      await app.preview.open();
      await app.preview.waitForRows('sorted');
      await page.getByTestId('preview-lineage-revenue').click();
      await expect
        .poll(onPath)
        .toEqual(['orders', 'paid_orders', 'with_revenue', 'with_customer', 'by_month', 'sorted', 'report']);
      expect(await page.getByTestId('pnode-customers').getAttribute('data-lineage')).toBe('off');
      // The same column again clears the path.
      await page.getByTestId('preview-lineage-revenue').click();
      await expect.poll(onPath).toEqual([]);
      expect(target.pageErrors).toEqual([]);
    });
  });
}
