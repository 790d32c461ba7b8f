import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/** Issue #11 points 13 and 14: in Portuguese, a broken node says so in Portuguese, naming its param by label and row, never `casts.0.type`. */
for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`diagnostics in Portuguese (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      const workDir = freshDir('duto-e2e-pt-');
      writeFileSync(join(workDir, 'orders.csv'), 'id,amount\n1,10.5\n2,20\n');
      const doc = {
        format: 'duto.pipeline',
        version: 2,
        nodes: [
          { id: 'orders', type: 'source.csv', params: { path: 'orders.csv' } },
          {
            id: 'typed',
            type: 'transform.cast',
            inputs: { in: 'orders' },
            params: { casts: [{ column: 'amount', type: 'DOUBLE' }] },
          },
        ],
      };
      writeFileSync(join(workDir, 'typed.duto.json'), JSON.stringify(doc, null, 2));
      target = await launchTarget(kind, workDir);
      app = new AppPage(target.page);
      await target.answerOpen(join(workDir, 'typed.duto.json'), () => app.toolbar.clickOpen());
      await app.canvas.node('typed').waitFor();
      await app.settled();
      await app.toolbar.setLanguage('pt-BR');
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    it('shows a broken node’s error in Portuguese, with the param’s label and row, on the canvas, in its form and in the preview', async () => {
      const { canvas, inspector, preview } = app;
      await canvas.select('typed');
      await preview.open();
      await preview.waitForRows('typed');

      await inspector.fill('casts.0.type', 'NOPE');
      await app.settled();
      await expect.poll(() => canvas.status('typed')).toBe('error');

      const expected = 'Conversões, linha 1, Novo tipo: tipo não suportado "NOPE"';
      expect(await canvas.message('typed').innerText()).toBe(expected);
      // Beside its field, the message needs no place.
      expect(await inspector.error('casts.0.type').innerText()).toBe('tipo não suportado "NOPE"');
      await preview.error.waitFor();
      const shown = await preview.error.innerText();
      expect(shown).toContain(expected);
      for (const text of [shown, await canvas.message('typed').innerText()]) {
        expect(text).not.toMatch(/casts|unsupported/);
      }
      expect(target.pageErrors).toEqual([]);
    });

    it('says it again in English when the language is switched back', async () => {
      await app.toolbar.setLanguage('en');
      await expect
        .poll(() => app.canvas.message('typed').innerText())
        .toBe('Conversions, row 1, New type: unsupported type "NOPE"');
    });
  });
}
