import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { ROOT } from '../support/paths';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * The first hour (issue #11, point 12): an example opens as a copy (Save asks
 * where; the bundled file is never written); a node just dropped is "not
 * configured yet", not an error; a node nothing reads is no warning until the
 * user runs; the runs of an unsaved pipeline are kept in its history; before
 * unsaved changes are dropped the app asks Save / Don't save / Cancel.
 */

const CSV = 'id,amount\n1,10\n2,-5\n3,7\n';
const EXAMPLE = join(ROOT, 'examples', 'orders-report', 'orders-report.duto.json');

for (const { kind, available } of targets()) {
  describe.skipIf(!available || kind !== 'web')(`the first hour (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      const workDir = freshDir('duto-e2e-first-');
      writeFileSync(join(workDir, 'orders.csv'), CSV);
      target = await launchTarget(kind, workDir);
      app = new AppPage(target.page);
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    const saveAsIn = async (name: string): Promise<void> => {
      const picker = target.page.getByTestId('file-browser');
      await picker.waitFor();
      await picker.getByTestId('file-browser-dir').fill(target.workDir);
      await picker.getByTestId('file-browser-name').fill(name);
      await picker.getByTestId('file-browser-ok').click();
      await picker.waitFor({ state: 'detached' });
    };

    it('an example opens as a copy: Save asks where, the bundled file is untouched, the copy reads the bundled data and writes beside itself', async () => {
      const before = readFileSync(EXAMPLE, 'utf8');
      await target.page.getByTestId('empty-example-orders-report').click();
      await expect.poll(() => app.canvas.nodes.count()).toBeGreaterThan(3);
      expect(await app.toolbar.title.innerText()).toContain('Orders report');
      await app.settled();

      await app.toolbar.button('file-save').click();
      await saveAsIn('my-orders.duto.json');
      const mine = join(target.workDir, 'my-orders.duto.json');
      await expect.poll(() => existsSync(mine)).toBe(true);
      expect(readFileSync(EXAMPLE, 'utf8')).toBe(before);
      const saved: { params: Record<string, { default: string }> } = JSON.parse(readFileSync(mine, 'utf8'));
      expect(saved.params['data_dir']?.default).toBe(join(ROOT, 'examples', 'orders-report', 'data'));
      expect(saved.params['out_dir']?.default).toBe('out');

      await app.settled();
      await app.run.runAll();
      expect(await app.run.waitForEnd()).toMatch(/finished/i);
      expect(existsSync(join(target.workDir, 'out', 'orders-report.parquet'))).toBe(true);
      expect(existsSync(join(ROOT, 'examples', 'orders-report', 'out'))).toBe(false);
    });

    it('a dropped node is not configured yet; one nothing reads is no warning until a run; the unsaved run is in the history', async () => {
      const { canvas, inspector, palette } = app;
      await app.toolbar.newDocument();
      const source = await palette.dragOnto('source.csv', await canvas.at(0.2, 0.3));
      const filter = await palette.dragOnto('transform.filter', await canvas.at(0.55, 0.3));
      await app.settled();
      expect(await canvas.status(source)).toBe('unconfigured');
      expect(await canvas.status(filter)).toBe('unconfigured');
      expect(await canvas.statusBadge(filter).innerText()).toBe('Not configured yet');
      expect(await canvas.message(filter).count()).toBe(0);

      await canvas.select(source);
      await inspector.fill('path', 'orders.csv');
      await canvas.connect(source, filter);
      await canvas.select(filter);
      await inspector.typeCode('condition', 'amount > 0');
      await app.settled();
      // Nothing reads the filter yet: said only once the user runs.
      await expect.poll(() => canvas.status(filter)).toBe('ok');
      expect(await canvas.message(filter).count()).toBe(0);

      await app.run.runAll();
      await app.run.waitForEnd();
      await expect.poll(() => canvas.status(filter)).toBe('warning');
      expect(await canvas.message(filter).innerText()).toMatch(/nothing reads/);

      await target.page.getByTestId('tab-history').click();
      await expect.poll(() => target.page.getByTestId('run-history-entry').count()).toBe(1);
    });

    it("asks Save / Don't save / Cancel before unsaved changes are dropped", async () => {
      const { canvas, toolbar } = app;
      const prompt = toolbar.unsavedPrompt;
      const nodes = await canvas.nodeIds();
      await toolbar.fileMenu('file-new');
      await prompt.waitFor();
      await toolbar.button('unsaved-cancel').click();
      await prompt.waitFor({ state: 'detached' });
      expect(await canvas.nodeIds()).toEqual(nodes);

      await toolbar.fileMenu('file-new');
      await toolbar.button('unsaved-save').click();
      await saveAsIn('first.duto.json');
      await canvas.emptyState.waitFor();
      const first = JSON.parse(readFileSync(join(target.workDir, 'first.duto.json'), 'utf8'));
      expect(first.nodes.map((n: { id: string }) => n.id)).toEqual(nodes);

      // The run it had while unsaved came along to the saved file's history.
      await target.answerOpen(join(target.workDir, 'first.duto.json'), () => toolbar.clickOpen());
      await canvas.node(nodes[0] ?? '').waitFor();
      await target.page.getByTestId('tab-history').click();
      await expect.poll(() => target.page.getByTestId('run-history-entry').count()).toBe(1);

      await app.palette.dragOnto('transform.filter', await canvas.at(0.5, 0.5));
      await toolbar.fileMenu('file-new');
      await toolbar.button('unsaved-discard').click();
      await canvas.emptyState.waitFor();
      expect(target.pageErrors).toEqual([]);
    });
  });
}
