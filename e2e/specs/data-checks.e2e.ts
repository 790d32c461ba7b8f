import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * A data-check node while building and when running: its preview says how
 * the checks fare on the rows it sees; a run stops at the failed check,
 * the log names it with counts and an example, and no output is written.
 * Then the data is fixed, and the same run writes.
 */

const BAD = 'id,email,status\n1,a@x.io,paid\n2,,paid\n3,c@x.io,void\n';
const GOOD = 'id,email,status\n1,a@x.io,paid\n2,b@x.io,paid\n3,c@x.io,refunded\n';

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`data checks (${kind})`, () => {
    let target: Target;
    let app: AppPage;
    let workDir = '';

    beforeAll(async () => {
      workDir = freshDir('duto-e2e-checks-');
      writeFileSync(join(workDir, 'orders.csv'), BAD);
      const doc = {
        format: 'duto.pipeline',
        version: 1,
        name: 'checked orders',
        nodes: [
          { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
          {
            id: 'checks',
            type: 'quality.checks',
            inputs: { in: 'orders' },
            params: {
              checks: [
                { rule: 'not_null', column: 'email' },
                { rule: 'in_set', column: 'status', values: ['paid', 'refunded'] },
              ],
            },
          },
          { id: 'out', type: 'sink.parquet', inputs: { in: 'checks' }, params: { path: 'out.parquet' } },
        ],
      };
      writeFileSync(join(workDir, 'checked.duto.json'), `${JSON.stringify(doc, null, 2)}\n`);
      target = await launchTarget(kind, workDir);
      app = new AppPage(target.page);
      await target.answerOpen(join(workDir, 'checked.duto.json'), () => app.toolbar.clickOpen());
      await app.canvas.node('checks').waitFor();
      await app.settled();
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    it('previews the checks on the rows it sees, and a run stops at the failed one, writing nothing', async () => {
      const { canvas, preview, run } = app;
      await preview.open();
      await canvas.select('checks');
      await preview.waitForRows('checks');
      const summary = target.page.getByTestId('preview-checks');
      await summary.waitFor();
      expect(await summary.innerText()).toContain('2 of the checks fail on the first 3 rows');
      expect(await summary.innerText()).toContain('status is one of paid, refunded — 1 of 3 rows do not, e.g. "void"');

      await run.runAll();
      expect(await run.waitForEnd()).toMatch(/failed/i);
      const log = (await run.texts()).join('\n');
      expect(log).toContain('check failed: email is never empty — 1 of 3 rows do not');
      expect(log).toContain('check failed: status is one of paid, refunded');
      await expect.poll(() => canvas.status('checks')).toBe('failed');
      expect(existsSync(join(workDir, 'out.parquet'))).toBe(false);
    });

    it('with the data fixed, the same run writes its output', async () => {
      const { canvas, run } = app;
      writeFileSync(join(workDir, 'orders.csv'), GOOD);
      await run.runAll();
      expect(await run.waitForEnd()).toMatch(/finished/i);
      await expect.poll(() => canvas.status('out')).toBe('done');
      expect(readFileSync(join(workDir, 'out.parquet')).subarray(0, 4).toString()).toBe('PAR1');

      // Both runs are on record, newest first, the failed one with its reason.
      await target.page.getByTestId('tab-history').click();
      const entries = target.page.getByTestId('run-history-entry');
      await expect.poll(() => entries.count()).toBe(2);
      expect(await entries.evaluateAll((es) => es.map((e) => e.getAttribute('data-outcome')))).toEqual([
        'succeeded',
        'failed',
      ]);
      expect(await entries.nth(1).innerText()).toContain('check failed: email is never empty');
      expect(target.pageErrors).toEqual([]);
    });

    it('profiles a node: every column with its empty share and range, over all its rows', async () => {
      const { canvas, preview } = app;
      await preview.open();
      await canvas.select('orders');
      await preview.waitForRows('orders');
      await target.page.getByTestId('preview-view-profile').click();
      const rows = target.page.getByTestId('profile-row');
      await expect.poll(() => rows.count()).toBe(3);
      expect(await rows.nth(0).innerText()).toMatch(/^id\s+BIGINT\s+0\.0 %\s+3\s+1\s+3\s+2/);
      expect(await target.page.getByTestId('profile').innerText()).toContain('3 rows profiled');
      await target.page.getByTestId('preview-view-rows').click();
      await preview.waitForRows('orders');
      expect(target.pageErrors).toEqual([]);
    });

    it('exports its documentation: the flow, the checks, the columns', async () => {
      const docs = join(workDir, 'checked.md');
      await target.saveExport(docs, () => app.toolbar.fileMenu('file-export-docs'));
      await expect.poll(() => existsSync(docs)).toBe(true);
      const md = readFileSync(docs, 'utf8');
      expect(md).toMatch(/^# checked orders\n/);
      expect(md).toContain('n_orders --> n_checks');
      expect(md).toContain('`checks` — Data checks');
      expect(md).toMatch(/\| `email` \| `VARCHAR` \|/);
      expect(target.pageErrors).toEqual([]);
    });
  });
}
