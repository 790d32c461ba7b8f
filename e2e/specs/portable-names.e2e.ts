import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * Portability and naming (issue #11, point 11): a source is named after the
 * file picked for it and a new node's id follows its label; paths inside the
 * pipeline's folder are saved relative, those outside absolute; exports and
 * docs download under the pipeline's own name.
 */

const CSV = 'id,amount\n1,10\n2,-5\n3,7\n';

for (const { kind, available } of targets()) {
  describe.skipIf(!available || kind !== 'web')(`portable pipelines and names (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      const workDir = freshDir('duto-e2e-names-');
      mkdirSync(join(workDir, 'data'));
      mkdirSync(join(workDir, 'pipes'));
      writeFileSync(join(workDir, 'data', 'orders.csv'), CSV);
      target = await launchTarget(kind, workDir);
      app = new AppPage(target.page);
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    const picker = () => target.page.getByTestId('file-browser');

    it('a picked file names its source, and a new node takes the id its label gives; wires follow', async () => {
      const { canvas, inspector, palette } = app;
      const dropped = await palette.dragOnto('source.csv', await canvas.at(0.2, 0.3));
      await canvas.select(dropped);
      await inspector.field('path.browse').click();
      await picker().getByTestId('file-browser-dir').fill(join(target.workDir, 'data'));
      await picker().getByTestId('file-browser-entry-orders.csv').click();
      await picker().waitFor({ state: 'detached' });
      await expect.poll(() => inspector.nodeId.innerText()).toBe('orders');
      expect(await target.page.getByTestId('node-label').inputValue()).toBe('orders');
      expect(await inspector.field('path').inputValue()).toBe('data/orders.csv');

      const filter = await palette.dragOnto('transform.filter', await canvas.at(0.5, 0.3));
      await canvas.connect('orders', filter);
      await canvas.select(filter);
      await target.page.getByTestId('node-label').fill('Paid orders');
      await expect.poll(() => inspector.nodeId.innerText()).toBe('paid_orders');
      await inspector.typeCode('condition', 'amount > 0');
      expect(await canvas.edges.count()).toBe(1);

      const sink = await palette.dragOnto('sink.csv', await canvas.at(0.8, 0.3));
      await canvas.connect('paid_orders', sink);
      await canvas.select(sink);
      await inspector.fill('path', 'pipes/out.csv');
      await app.settled();
      expect((await canvas.nodeIds()).sort()).toEqual(['orders', 'paid_orders', sink].sort());
    });

    it('saved in a subfolder: a path inside it is relative, one outside absolute; ids are then fixed', async () => {
      await app.toolbar.fileMenu('file-save-as');
      await picker().getByTestId('file-browser-dir').fill(join(target.workDir, 'pipes'));
      await picker().getByTestId('file-browser-name').fill('p.duto.json');
      await picker().getByTestId('file-browser-ok').click();
      await picker().waitFor({ state: 'detached' });
      const file = join(target.workDir, 'pipes', 'p.duto.json');
      await expect.poll(() => readFileSync(file, 'utf8').length).toBeGreaterThan(0);
      const saved: { nodes: Array<{ id: string; inputs?: Record<string, string>; params?: Record<string, unknown> }> } =
        JSON.parse(readFileSync(file, 'utf8'));
      const byId = new Map(saved.nodes.map((n) => [n.id, n]));
      expect(byId.get('orders')?.params?.['path']).toBe(join(target.workDir, 'data', 'orders.csv'));
      expect(byId.get('paid_orders')?.inputs).toEqual({ in: 'orders' });
      const sink = saved.nodes.find((n) => n.id !== 'orders' && n.id !== 'paid_orders');
      expect(sink?.params?.['path']).toBe('out.csv');

      // The inspector shows the paths as saved, and the run still reads and writes the same files.
      await app.settled();
      await app.run.runAll();
      expect(await app.run.waitForEnd()).toMatch(/finished/i);
      expect(
        readFileSync(join(target.workDir, 'pipes', 'out.csv'), 'utf8')
          .trim()
          .split('\n'),
      ).toEqual(['id,amount', '1,10', '3,7']);

      // Saved: a new label no longer moves the id.
      await app.canvas.select('paid_orders');
      await target.page.getByTestId('node-label').fill('Positive');
      await app.settled();
      expect(await app.inspector.nodeId.innerText()).toBe('paid_orders');
    });

    it('exports and docs download under the pipeline’s own name', async () => {
      const named = join(target.workDir, 'named.duto.json');
      writeFileSync(
        named,
        `${JSON.stringify({ format: 'duto.pipeline', version: 2, name: 'Vendas de março', nodes: [{ id: 'orders', type: 'source.csv', params: { path: 'data/orders.csv' } }] }, null, 2)}\n`,
      );
      await target.answerOpen(named, () => app.toolbar.clickOpen());
      await app.canvas.node('orders').waitFor();
      const [exported] = await Promise.all([target.page.waitForEvent('download'), app.toolbar.clickExport()]);
      expect(exported.suggestedFilename()).toBe('Vendas de março.duto.json');
      const [docs] = await Promise.all([
        target.page.waitForEvent('download'),
        app.toolbar.fileMenu('file-export-docs'),
      ]);
      expect(docs.suggestedFilename()).toBe('Vendas de março.md');
      expect(target.pageErrors).toEqual([]);
    });
  });
}
