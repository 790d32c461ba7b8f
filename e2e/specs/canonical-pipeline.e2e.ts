import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Json } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { canonicalQuery, copyCanonicalData } from '../support/data';
import { closeTo, queryRows, sqlPath } from '../support/duckdb';
import { screenshotFailures } from '../support/failures';
import { CLI } from '../support/paths';
import { screenshot } from '../support/screenshots';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/** The ids the app gives nodes dropped from the palette (from their labels), as the file keeps them. */
const ID = {
  orders: 'csv_file',
  customers: 'csv_file_2',
  paid: 'filter',
  revenue: 'compute_columns',
  joined: 'join',
  byMonth: 'group_and_summarize',
  sorted: 'sort',
  report: 'parquet_file',
};

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`the canonical pipeline, built by hand (${kind})`, () => {
    let target: Target;
    let app: AppPage;
    let expected: Array<Record<string, Json>>;
    const out = (): string => join(target.workDir, 'out', 'report.parquet');

    beforeAll(async () => {
      const workDir = freshDir('duto-e2e-canonical-');
      const data = copyCanonicalData(join(workDir, 'data'));
      expected = await queryRows(canonicalQuery(data));
      target = await launchTarget(kind, workDir);
      app = new AppPage(target.page);
    });

    screenshotFailures(() => target?.page);

    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    it('builds it from an empty canvas: palette drags, quick-add, wires and inspector forms', async () => {
      const { canvas, palette, inspector } = app;
      await canvas.emptyState.waitFor();

      // Sources, with their live schema on the node once the path is set.
      expect(await palette.dragOnto('source.csv', await canvas.at(0.05, 0.06))).toBe(ID.orders);
      await inspector.fill('path', 'data/orders.csv');
      await expect
        .poll(() => canvas.columns(ID.orders).allInnerTexts())
        .toEqual(['order_id', 'customer_id', 'ordered_at', 'status']);
      expect(await palette.dragOnto('source.csv', await canvas.at(0.05, 0.42))).toBe(ID.customers);
      await inspector.fill('path', 'data/customers.csv');
      await expect
        .poll(() => canvas.columns(ID.customers).allInnerTexts())
        .toEqual(['customer_id', 'name', 'country', 'segment']);

      // Filter paid orders.
      expect(await palette.dragOnto('transform.filter', await canvas.at(0.36, 0.06))).toBe(ID.paid);
      await canvas.connect(ID.orders, ID.paid);
      await canvas.select(ID.paid);
      await inspector.typeCode('condition', "status = 'paid'");
      expect(await inspector.codeText('condition')).toBe("status = 'paid'");

      // Revenue and month.
      expect(await palette.dragOnto('transform.derive', await canvas.at(0.67, 0.06))).toBe(ID.revenue);
      await canvas.connect(ID.paid, ID.revenue);
      await canvas.select(ID.revenue);
      await inspector.addRow('columns');
      await inspector.fill('columns.0.name', 'revenue');
      await inspector.typeCode('columns.0.expression', 'quantity * unit_price * (1 - coalesce(discount, 0))');
      await inspector.addRow('columns');
      await inspector.fill('columns.1.name', 'month');
      await inspector.typeCode('columns.1.expression', "date_trunc('month', ordered_at)");
      await app.settled();
      expect(await inspector.codeText('columns.0.expression')).toBe(
        'quantity * unit_price * (1 - coalesce(discount, 0))',
      );

      // Join with customers on customer_id: the key pickers list the columns of each side.
      expect(await palette.dragOnto('transform.join', await canvas.at(0.36, 0.42))).toBe(ID.joined);
      await canvas.connect(ID.revenue, ID.joined, { in: 'left' });
      await canvas.connect(ID.customers, ID.joined, { in: 'right' });
      await canvas.select(ID.joined);
      await inspector.addRow('keys');
      await inspector.choose('keys.0.left', 'customer_id');
      await inspector.choose('keys.0.right', 'customer_id');
      await expect
        .poll(() => canvas.columns(ID.joined).allInnerTexts())
        .toEqual(['order_id', 'customer_id', 'ordered_at', 'status']);
      await expect.poll(() => inspector.outputColumns()).toContain('country');

      // Group by country, segment and month.
      expect(await palette.dragOnto('transform.aggregate', await canvas.at(0.67, 0.42))).toBe(ID.byMonth);
      await canvas.connect(ID.joined, ID.byMonth);
      await canvas.select(ID.byMonth);
      await app.settled();
      await inspector.addColumns('groupBy', ['country', 'segment', 'month']);
      const measures: Array<[fn: string, column: string, as: string]> = [
        ['count', '', 'orders'],
        ['sum', 'revenue', 'revenue'],
        ['avg', 'revenue', 'avg_ticket'],
      ];
      for (const [i, [fn, column, as]] of measures.entries()) {
        await inspector.addRow('measures');
        await inspector.choose(`measures.${i}.function`, fn);
        if (column !== '') await inspector.choose(`measures.${i}.column`, column);
        await inspector.fill(`measures.${i}.as`, as);
      }

      // Sort: a wire dropped on empty pane opens quick-add, and the new node comes connected.
      await canvas.dropWire(ID.byMonth, await canvas.at(0.05, 0.74));
      await canvas.quickAdd.waitFor();
      expect(await canvas.quickAddEnter('sort', 'transform.sort')).toBe(ID.sorted);
      await app.settled();
      for (const [i, column] of ['country', 'segment', 'month'].entries()) {
        await inspector.addRow('keys');
        await inspector.choose(`keys.${i}.column`, column);
      }

      // The Parquet sink, by double-clicking the pane and typing.
      await canvas.quickAddAt(await canvas.at(0.4, 0.76));
      await canvas.quickAdd.waitFor();
      expect(await canvas.quickAddClick('parquet', 'sink.parquet')).toBe(ID.report);
      await inspector.fill('path', 'out/report.parquet');
      await canvas.connect(ID.sorted, ID.report);

      await app.settled();
      expect(await canvas.edges.count()).toBe(7);
      for (const id of Object.values(ID)) expect(await canvas.status(id), id).toBe('ok');
      await expect
        .poll(() => canvas.columns(ID.report).allInnerTexts())
        .toEqual(['country', 'segment', 'month', 'orders']);
    });

    it('previews the join: rows in the grid, with column types', async () => {
      await app.canvas.select(ID.joined);
      await app.preview.open();
      await app.preview.waitForRows(ID.joined);
      const columns = await app.preview.columns();
      expect(columns).toEqual(
        expect.arrayContaining([
          { name: 'order_id', type: 'BIGINT' },
          { name: 'ordered_at', type: 'TIMESTAMP' },
          { name: 'status', type: 'VARCHAR' },
          { name: 'revenue', type: 'DOUBLE' },
          { name: 'month', type: 'TIMESTAMP' },
          { name: 'name', type: 'VARCHAR' },
          { name: 'country', type: 'VARCHAR' },
        ]),
      );
      expect(columns).toHaveLength(13);
      expect(await app.preview.info.innerText()).toMatch(/^100 rows · 13 columns/);
      const first = await app.preview.row(0);
      expect(first[columns.findIndex((c) => c.name === 'status')]).toBe('paid');
      await app.toolbar.fit();
      await screenshot(target.page, 'canvas-preview', target.workDir);
    });

    it('runs it: every node done, and the Parquet file holds what the hand-written SQL gives', async () => {
      await app.run.runAll();
      expect(await app.run.waitForEnd()).toMatch(/finished/);
      for (const id of Object.values(ID)) expect(await app.canvas.status(id), id).toBe('done');
      await expect.poll(() => app.canvas.statusBadge(ID.report).innerText()).toMatch(/^\d+ rows/);
      expect(existsSync(out())).toBe(true);
      const written = await queryRows(`SELECT * FROM ${sqlPath(out())}`);
      expect(written.length).toBeGreaterThan(100);
      expect(closeTo(written, expected)).toEqual(expected);
      await app.canvas.select(ID.byMonth);
      await screenshot(target.page, 'inspector', target.workDir);
    });

    it('shows the same pipeline in the dark theme', async () => {
      await app.toolbar.setTheme('dark');
      expect(await target.page.locator('html').getAttribute('data-theme')).toBe('dark');
      await app.canvas.select(ID.joined);
      await app.preview.open();
      await app.preview.waitForRows(ID.joined);
      await screenshot(target.page, 'dark-theme', target.workDir);
      await app.toolbar.setTheme('light');
    });

    it('shows the same pipeline in Portuguese', async () => {
      await app.toolbar.setLanguage('pt-BR');
      expect(await target.page.locator('html').getAttribute('lang')).toBe('pt-BR');
      await app.canvas.select(ID.byMonth);
      await app.preview.open();
      await app.preview.waitForRows(ID.byMonth);
      expect(await app.run.runAllButton.innerText()).toMatch(/Executar/);
      await screenshot(target.page, 'portuguese', target.workDir);
      await app.toolbar.setLanguage('en');
    });

    it('exports the document, opens the export to the same pipeline, and the CLI runs it unchanged', async () => {
      const exported = join(target.workDir, 'exported.duto.json');
      await target.saveExport(exported, () => app.toolbar.clickExport());
      await expect.poll(() => existsSync(exported)).toBe(true);
      const text = readFileSync(exported, 'utf8');
      const doc: unknown = JSON.parse(text);
      expect(doc).toMatchObject({
        format: 'duto.pipeline',
        nodes: expect.arrayContaining([expect.objectContaining({ id: ID.joined, type: 'transform.join' })]),
      });

      // A new, empty pipeline; then the export opened: the same nodes on the canvas, the same document out.
      await app.toolbar.newDocument();
      await app.canvas.emptyState.waitFor();
      await target.answerOpen(exported, () => app.toolbar.clickOpen());
      await expect.poll(() => app.canvas.nodeIds().then((ids) => ids.sort())).toEqual(Object.values(ID).sort());
      expect(await app.toolbar.title.innerText()).toContain('exported.duto.json');
      const again = join(target.workDir, 'exported-again.duto.json');
      await target.saveExport(again, () => app.toolbar.clickExport());
      await expect.poll(() => existsSync(again)).toBe(true);
      expect(readFileSync(again, 'utf8')).toBe(text);

      // Import (through the app's own file dialog) gives the same document too.
      await app.toolbar.newDocument();
      await target.answerOpen(exported, () => app.toolbar.clickImport());
      await expect.poll(() => app.canvas.nodes.count()).toBe(Object.keys(ID).length);
      const imported = join(target.workDir, 'imported.duto.json');
      await target.saveExport(imported, () => app.toolbar.clickExport());
      await expect.poll(() => existsSync(imported)).toBe(true);
      expect(readFileSync(imported, 'utf8')).toBe(text);

      // Headless, from another folder: relative paths resolve against the file.
      rmSync(out());
      const cli = spawnSync(process.execPath, [CLI, 'run', exported], { cwd: '/', encoding: 'utf8' });
      expect(cli.status, cli.stderr).toBe(0);
      expect(closeTo(await queryRows(`SELECT * FROM ${sqlPath(out())}`), expected)).toEqual(expected);
      expect(target.pageErrors).toEqual([]);
    });
  });
}
