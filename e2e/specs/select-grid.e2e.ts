import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { queryRows, sqlPath } from '../support/duckdb';
import { screenshotFailures } from '../support/failures';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * Select columns as one grid (issue #11, point 9): every input column is a
 * row with keep, rename and type; a search filters the rows and all/none
 * act on the rows shown. A version-1 select (drop mode) opens in the grid.
 */

const CSV = 'id,region,amount,status\n1,north,100,paid\n2,south,50,open\n';
const CSV_DIALECT = {
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
};

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`select columns grid (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      const workDir = freshDir('duto-e2e-select-');
      writeFileSync(join(workDir, 'orders.csv'), CSV);
      const doc = {
        format: 'duto.pipeline',
        version: 2,
        name: 'select grid',
        nodes: [
          { id: 'orders', type: 'source.csv', params: { path: 'orders.csv', ...CSV_DIALECT } },
          // Saved by version 1 of the node: drop mode.
          {
            id: 'pick',
            type: 'transform.select',
            inputs: { in: 'orders' },
            params: { mode: 'drop', drop: ['region'] },
          },
          { id: 'out', type: 'sink.csv', inputs: { in: 'pick' }, params: { path: 'out.csv' } },
        ],
      };
      writeFileSync(join(workDir, 'select.duto.json'), `${JSON.stringify(doc, null, 2)}\n`);
      target = await launchTarget(kind, workDir);
      app = new AppPage(target.page);
      await target.answerOpen(join(workDir, 'select.duto.json'), () => app.toolbar.clickOpen());
      await app.canvas.node('out').waitFor();
      await app.settled();
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    const row = (column: string) => target.page.getByTestId(`grid-row-${column}`);
    const keep = (column: string) => row(column).getByRole('checkbox');

    it('shows every input column, the version-1 drop list as unticked rows', async () => {
      await app.canvas.select('pick');
      const grid = app.inspector.field('columns');
      await grid.waitFor();
      expect(await grid.locator('tbody tr .col-name').allTextContents()).toEqual(['region', 'id', 'amount', 'status']);
      expect(await keep('region').isChecked()).toBe(false);
      expect(await keep('id').isChecked()).toBe(true);
      expect(await app.inspector.field('columns.count').innerText()).toMatch(/3 of 4/);
    });

    it('filters rows by search; none and all act on the rows shown only', async () => {
      await app.inspector.fill('columns.search', 'STAT');
      await expect
        .poll(() => app.inspector.field('columns').locator('tbody tr .col-name').allTextContents())
        .toEqual(['status']);
      await app.inspector.field('columns.none').click();
      await app.inspector.fill('columns.search', '');
      await expect.poll(() => app.inspector.field('columns').locator('tbody tr').count()).toBe(4);
      expect(await keep('status').isChecked()).toBe(false);
      expect(await keep('id').isChecked()).toBe(true);
      await app.inspector.field('columns.all').click();
      expect(await keep('region').isChecked()).toBe(true);
      await app.inspector.field('columns.none').click();
      await keep('id').check();
      await keep('amount').check();
    });

    it('renames and casts per row; the run writes exactly the kept columns', async () => {
      await row('amount')
        .getByTestId(/-rename$/)
        .fill('total');
      await row('amount')
        .getByTestId(/-type$/)
        .fill('varchar');
      await app.settled();
      await expect.poll(() => app.inspector.outputColumns()).toEqual(['id', 'total']);
      expect(await app.inspector.root.locator('.inspector-schema .col-type').allTextContents()).toEqual([
        'BIGINT',
        'VARCHAR',
      ]);
      await app.run.runAll();
      expect(await app.run.waitForEnd()).toMatch(/finished/i);
      const out = join(target.workDir, 'out.csv');
      expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('id,total');
      expect(await queryRows(`SELECT * FROM read_csv(${sqlPath(out)}, all_varchar = true) ORDER BY id`)).toEqual([
        { id: '1', total: '100' },
        { id: '2', total: '50' },
      ]);
      expect(target.pageErrors).toEqual([]);
    });
  });
}
