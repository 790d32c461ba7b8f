import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { screenshot } from '../support/screenshots';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * Messy real-world files in the app (issue #9). A CSV exported by Excel in
 * Brazil — semicolons, decimal comma, Latin-1, dd/mm/yyyy dates, two title
 * lines above the header — previews right with no setting touched, and the
 * inspector says in words what was detected (and the file now holds it).
 * A CSV with broken rows runs: the good rows are written, the broken ones
 * come out of the Rejected rows output, and the node says how many.
 */

const BRAZILIAN = Buffer.from(
  [
    'Relatório de vendas;;;',
    'Gerado em 03/12/2026;;;',
    'cidade;valor;data;cliente',
    'São Paulo;1.234,56;05/01/2026;00123',
    'Belém;99,90;28/02/2026;04567',
    'Florianópolis;7,5;31/12/2025;00089',
    'Ribeirão Preto;10,00;15/03/2026;12345',
    '',
  ].join('\r\n'),
  'latin1',
);

const BROKEN = ['id,name,amount', '1,Ana,10', '2,Bia,7', '3,Caio,1,extra', '4,Duda,3', '5,"Eva,2', ''].join('\n');

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`messy files (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      const workDir = freshDir('duto-e2e-messy-');
      writeFileSync(join(workDir, 'vendas.csv'), BRAZILIAN);
      writeFileSync(join(workDir, 'orders.csv'), BROKEN);
      target = await launchTarget(kind, workDir);
      app = new AppPage(target.page);
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    it('previews a Brazilian Excel export right with no setting touched, and says what it detected', async () => {
      const { canvas, palette, inspector, preview } = app;
      await canvas.emptyState.waitFor();
      const id = await palette.dragOnto('source.csv', await canvas.at(0.1, 0.2));
      await inspector.fill('path', 'vendas.csv');
      await expect.poll(() => canvas.columns(id).allInnerTexts()).toEqual(['cidade', 'valor', 'data', 'cliente']);
      const words = target.page.getByTestId('csv-dialect-words');
      await expect
        .poll(() => words.innerText())
        .toBe(
          'semicolon-separated, decimal comma, thousands separated by “.”, Latin-1, header on line 3, dates dd/mm/yyyy, no quoted fields',
        );
      // Written into the node: the file is explicit from now on.
      expect(await target.page.getByTestId('param-delimiter').inputValue()).toBe(';');

      await preview.open();
      await canvas.select(id);
      await preview.waitForRows(id);
      expect((await preview.columns()).map((c) => c.type)).toEqual(['VARCHAR', 'DOUBLE', 'DATE', 'VARCHAR']);
      const first = await preview.row(0);
      expect(first[0]).toBe('São Paulo');
      expect(first[1]?.replace(/[^\d]/g, '')).toBe('123456');
      expect(first[2]).toMatch(/2026/);
      expect(first[3]).toBe('00123');
      expect(await preview.row(1)).toContain('Belém');
      await screenshot(target.page, 'csv-detected', target.workDir);
    });

    it('runs a file with broken rows: good rows go on, broken ones come out of Rejected rows, and the node counts them', async () => {
      const { canvas, palette, inspector, preview, run } = app;
      const src = await palette.dragOnto('source.csv', await canvas.at(0.1, 0.6));
      await inspector.fill('path', 'orders.csv');
      await expect.poll(() => canvas.columns(src).allInnerTexts()).toEqual(['id', 'name', 'amount']);
      const sink = await palette.dragOnto('sink.csv', await canvas.at(0.5, 0.6));
      await canvas.connect(src, sink);
      await canvas.select(sink);
      await inspector.fill('path', 'clean.csv');
      await app.settled();
      await run.runAll();
      expect(await run.waitForEnd()).toMatch(/finished/i);
      await expect.poll(() => target.page.getByTestId(`node-status-${src}`).innerText()).toMatch(/2 set aside/);
      expect((await run.texts()).join('\n')).toMatch(/2 of 5 rows set aside/);

      await canvas.select(src);
      await preview.open();
      await target.page.getByTestId('preview-port-rejected').click();
      await expect.poll(() => preview.rows.count()).toBe(2);
      expect((await preview.row(0)).join(' ')).toContain('3,Caio,1,extra');
    });
  });
}
