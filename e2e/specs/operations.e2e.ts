import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { closeTarget } from '../support/opened-pipeline';
import { ROOT } from '../support/paths';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * Operations (issue #14): the canonical pipeline run twice — once as it is,
 * once with a broken filter — shows both runs in the Operations view with
 * their status; the failure names its error, and its link opens the
 * pipeline (from its file, through the app's Open path) with the failing
 * node selected. The Schedules panel lists the pipeline's triggers, off.
 */

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`operations (${kind})`, () => {
    let target: Target;
    let app: AppPage;
    let file = '';

    beforeAll(async () => {
      const workDir = freshDir('duto-e2e-operations-');
      cpSync(join(ROOT, 'examples', 'orders-report'), workDir, { recursive: true });
      file = join(workDir, 'orders-report.duto.json');
      // A schedule, for the Schedules panel (the app's scheduler is off: nothing fires).
      const doc: unknown = JSON.parse(readFileSync(file, 'utf8'));
      writeFileSync(
        file,
        `${JSON.stringify({ ...(typeof doc === 'object' ? doc : {}), schedule: { triggers: [{ cron: '0 6 * * *', timezone: 'America/Sao_Paulo' }] } }, null, 2)}\n`,
      );
      target = await launchTarget(kind, workDir);
      app = new AppPage(target.page);
      await target.answerOpen(file, () => app.toolbar.clickOpen());
      await app.canvas.node('report').waitFor();
      await app.settled();
    });
    screenshotFailures(() => target?.page);
    afterAll(() => closeTarget(target));

    it('lists a good run and a failed one of the pipeline, newest first, with their status', async () => {
      await app.run.runAll();
      expect(await app.run.waitForEnd()).toMatch(/finished/i);
      // A broken parameter: the filter names a column the orders do not have.
      await app.canvas.select('paid_orders');
      await app.inspector.typeCode('condition', "no_such_column = 'paid'");
      await app.settled();
      await app.run.runAll();
      expect(await app.run.waitForEnd()).toMatch(/failed/i);

      await app.operations.open();
      const rows = await app.operations.runsOf(file);
      await expect.poll(() => rows.count()).toBe(2);
      expect(await app.operations.outcomes()).toEqual(['failed', 'succeeded']);
      const failed = rows.first();
      expect(await failed.getByTestId('operations-error').innerText()).toMatch(/no_such_column/);
      // The good run wrote the report's rows.
      expect(Number((await rows.nth(1).getByRole('cell').nth(5).innerText()).replace(/\D/g, ''))).toBeGreaterThan(0);
    });

    it('opens the failed run’s pipeline from its file with the failing node selected', async () => {
      // Somewhere else first: the link must open the pipeline, not find it open.
      await app.toolbar.newDocument();
      await app.operations.open();
      const failed = (await app.operations.runsOf(file)).first();
      const link = app.operations.openFailure(failed);
      expect(await link.getAttribute('data-node')).toBe('paid_orders');
      await link.click();
      await app.canvas.node('report').waitFor();
      await expect.poll(() => app.canvas.node('paid_orders').getAttribute('class')).toMatch(/\bselected\b/);
      // Opened from disk: the filter is the file's, not the broken edit.
      expect(await app.toolbar.title.innerText()).toMatch(/Orders report/);
    });

    it('lists the scheduled pipelines the app knows in the Schedules panel, off until turned on', async () => {
      const panel = await app.operations.openSchedules();
      const toggle = panel.getByTestId('schedules-enabled');
      expect(await toggle.isChecked()).toBe(false);
      expect(await panel.innerText()).toMatch(/Off by default/);
      const row = panel.locator(`[data-testid="schedules-row"][data-file="${file}"]`);
      expect(await row.innerText()).toContain('On the cron schedule “0 6 * * *”, America/Sao_Paulo time');
      expect(await row.getByTestId('schedules-next').innerText()).toBe('The scheduler is off.');
      // The switch follows the host's answer (the setting is the host's), not the click.
      await toggle.click();
      await expect.poll(() => toggle.isChecked()).toBe(true);
      await expect.poll(() => row.getByTestId('schedules-next').innerText()).toMatch(/^Next run: /);
      await toggle.click();
      await expect.poll(() => toggle.isChecked()).toBe(false);
      await expect.poll(() => row.getByTestId('schedules-next').innerText()).toBe('The scheduler is off.');
    });
  });
}
