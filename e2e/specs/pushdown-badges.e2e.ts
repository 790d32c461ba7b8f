import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { axeFindings } from '../support/axe';
import { screenshotFailures } from '../support/failures';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * Where each node runs (issue #15): a filter below a PostgreSQL table shows
 * "in PostgreSQL" on the canvas; the inspector's switch keeps it in DuckDB
 * (its badge then says so, with why), undo brings it back, and the
 * pipeline's own switch turns pushdown off everywhere. The run writes the
 * same rows every way. Readable in both themes (axe).
 */

/** Clicks a switch as a user does: on its label (the drawn track covers the input). */
const flip = (toggle: Locator): Promise<void> => toggle.locator('xpath=..').click();

const PG = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };
const SCHEMA = `e2e_pd_${String(process.pid)}`;

async function pgRun(sql: string): Promise<void> {
  const client = new pg.Client(PG);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`where nodes run (${kind})`, () => {
    let target: Target;
    let app: AppPage;
    let file = '';

    beforeAll(async () => {
      await pgRun(
        `DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA};
         CREATE TABLE ${SCHEMA}.orders (id integer, status text, qty integer);
         INSERT INTO ${SCHEMA}.orders SELECT i, CASE WHEN i % 3 = 0 THEN 'paid' ELSE 'open' END, i % 7 FROM generate_series(1, 60) i;`,
      );
      const workDir = freshDir('duto-e2e-pushdown-');
      file = join(workDir, 'orders.duto.json');
      const doc = {
        format: 'duto.pipeline',
        version: 2,
        name: 'paid orders',
        nodes: [
          {
            id: 'src',
            type: 'source.postgres',
            params: { connection: 'warehouse', table: `${SCHEMA}.orders` },
          },
          { id: 'kept', type: 'transform.filter', inputs: { in: 'src' }, params: { condition: "status = 'paid'" } },
          { id: 'out', type: 'sink.csv', inputs: { in: 'kept' }, params: { path: 'out.csv' } },
        ],
        layout: { src: { x: 0, y: 0 }, kept: { x: 320, y: 0 }, out: { x: 640, y: 0 } },
      };
      writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
      const connections = {
        format: 'duto.connections',
        version: 1,
        connections: {
          warehouse: { kind: 'postgres', host: PG.host, port: PG.port, user: PG.user, database: PG.database },
        },
      };
      target = await launchTarget(kind, workDir, { connections });
      app = new AppPage(target.page);
      await target.answerOpen(file, () => app.toolbar.clickOpen());
      await app.canvas.node('kept').waitFor();
      await app.settled();
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
      await pgRun(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    });

    const out = (): string => readFileSync(join(target.workDir, 'out.csv'), 'utf8');
    const runAll = async (): Promise<string> => {
      rmSync(join(target.workDir, 'out.csv'), { force: true });
      await app.run.runAll();
      expect(await app.run.waitForEnd()).toMatch(/finished/);
      return out();
    };

    it('shows the filter in PostgreSQL, keeps it in DuckDB when switched off, and writes the same rows', async () => {
      const { page } = target;
      const badge = page.getByTestId('node-runs-in-kept');
      await expect.poll(() => badge.getAttribute('data-target')).toBe('PostgreSQL');
      expect(await badge.innerText()).toBe('in PostgreSQL');
      expect(await page.getByTestId('node-runs-in-src').getAttribute('data-target')).toBe('PostgreSQL');
      // The sink stays in DuckDB, and its badge says why.
      expect(await page.getByTestId('node-runs-in-out').getAttribute('data-target')).toBe('DuckDB');
      expect(await page.getByTestId('node-runs-in-out').getAttribute('title')).toMatch(/^no PostgreSQL: /);

      const pushed = await runAll();
      expect(pushed.trim().split('\n')).toHaveLength(21);
      await expect.poll(() => app.canvas.status('kept')).toBe('done');

      await app.canvas.select('kept');
      const toggle = page.getByTestId('param-pushdown');
      expect(await toggle.isChecked()).toBe(true);
      await flip(toggle);
      await expect.poll(() => toggle.isChecked()).toBe(false);
      await expect.poll(() => badge.getAttribute('data-target')).toBe('DuckDB');
      expect(await badge.getAttribute('title')).toMatch(/switched off for this node/);
      await expect.poll(() => page.getByTestId('node-runs-in-src').count()).toBe(0);
      expect(await runAll()).toBe(pushed);

      // One undo step: the switch is on again, and so is the badge.
      await app.toolbar.undo();
      await expect.poll(() => badge.getAttribute('data-target')).toBe('PostgreSQL');
      expect(await toggle.isChecked()).toBe(true);
    });

    it("turns pushdown off for the whole pipeline in the pipeline's settings", async () => {
      const { page } = target;
      await page.keyboard.press('Escape');
      await app.canvas.pane.click({ position: { x: 10, y: 10 } });
      const toggle = page.getByTestId('pipeline-pushdown');
      expect(await toggle.isChecked()).toBe(true);
      await flip(toggle);
      await expect.poll(() => page.locator('[data-testid^="node-runs-in-"]').count()).toBe(0);
      const pulled = await runAll();
      await flip(toggle);
      await expect.poll(() => page.getByTestId('node-runs-in-kept').getAttribute('data-target')).toBe('PostgreSQL');
      expect(await runAll()).toBe(pulled);
    });

    it('is readable in both themes with the badges shown', async () => {
      for (const theme of ['light', 'dark'] as const) {
        await app.toolbar.setTheme(theme);
        await app.canvas.select('kept');
        await target.page.getByTestId('param-pushdown').waitFor();
        await app.settled();
        expect(await axeFindings(target.page)).toEqual([]);
      }
    });
  });
}
