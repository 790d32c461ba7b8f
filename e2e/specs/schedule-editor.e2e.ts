import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { closeTarget, launchWithPipeline } from '../support/opened-pipeline';
import { targets, type Target } from '../support/target';

/**
 * The schedule editor (issue #14), shown where no node is selected: a cron
 * trigger, then retries, their backoff, a timeout per run and the catch-up
 * policy, saved with the file as the document says them; a value the
 * document's schema refuses shows its error and never reaches the file.
 */

const SOURCE = { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } };

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`schedule editor (${kind})`, () => {
    let target: Target;
    let app: AppPage;
    let file = '';

    beforeAll(async () => {
      ({ target, app } = await launchWithPipeline(
        kind,
        { 'orders.csv': 'id,amount\n1,10\n2,20\n' },
        { name: 'nightly', nodes: [SOURCE] },
      ));
      file = join(target.workDir, 'nightly.duto.json');
    });
    screenshotFailures(() => target?.page);
    afterAll(() => closeTarget(target));

    /** The pipeline's `schedule` as the file on disk holds it. */
    const savedSchedule = (): unknown => {
      const doc: unknown = JSON.parse(readFileSync(file, 'utf8'));
      return typeof doc === 'object' && doc !== null && 'schedule' in doc ? doc.schedule : undefined;
    };
    const save = async (): Promise<void> => {
      await app.toolbar.button('file-save').click();
    };

    it('edits retries, backoff, timeout and catch-up, and Save writes them into the file', async () => {
      const editor = target.page.getByTestId('schedule-editor');
      await editor.waitFor();
      await editor.getByTestId('schedule-add-cron').click();
      await editor.getByTestId('schedule-trigger-0-cron').fill('30 2 * * *');
      await editor.getByTestId('schedule-trigger-0-timezone').fill('America/Sao_Paulo');
      await editor.getByTestId('schedule-retries').fill('3');
      await editor.getByTestId('schedule-backoff').fill('45');
      await editor.getByTestId('schedule-timeout').fill('600');
      await editor.getByTestId('schedule-catchup').selectOption('skip');
      expect(await editor.getByRole('alert').count()).toBe(0);
      await save();
      await expect.poll(savedSchedule).toEqual({
        triggers: [{ cron: '30 2 * * *', timezone: 'America/Sao_Paulo' }],
        retries: 3,
        retryDelaySeconds: 45,
        timeoutSeconds: 600,
        catchUp: 'skip',
      });
    });

    it('shows an error for a value the schema refuses, and saves only what was valid', async () => {
      const editor = target.page.getByTestId('schedule-editor');
      // A valid change first, so the save below is seen to have happened.
      await editor.getByTestId('schedule-timeout').fill('900');
      const retries = editor.getByTestId('schedule-retries');
      await retries.fill('99');
      expect(await editor.getByTestId('schedule-retries-error').innerText()).toBe('A whole number from 0 to 20.');
      expect(await retries.getAttribute('aria-invalid')).toBe('true');
      await editor.getByTestId('schedule-backoff').fill('0');
      expect(await editor.getByTestId('schedule-backoff-error').innerText()).toBe('A whole number, 1 or more.');
      await save();
      await expect.poll(savedSchedule).toEqual({
        triggers: [{ cron: '30 2 * * *', timezone: 'America/Sao_Paulo' }],
        retries: 3,
        retryDelaySeconds: 45,
        timeoutSeconds: 900,
        catchUp: 'skip',
      });
      // Still on screen as typed, still marked: the user sees what was not saved.
      expect(await retries.inputValue()).toBe('99');
      expect(target.pageErrors).toEqual([]);
    });
  });
}
