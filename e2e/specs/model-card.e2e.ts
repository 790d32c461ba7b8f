import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { closeTarget } from '../support/opened-pipeline';
import { ROOT } from '../support/paths';
import { screenshot } from '../support/screenshots';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * The model card (issue #18): on examples/iris-models, the training node's
 * inspector says the model is not trained yet; after a run it shows the test
 * accuracy, the confusion matrix (three species, 30 test flowers) and the
 * feature importance chart.
 */

for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`the model card (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      const workDir = freshDir('duto-e2e-model-card-');
      cpSync(join(ROOT, 'examples', 'iris-models'), workDir, { recursive: true });
      target = await launchTarget(kind, workDir);
      app = new AppPage(target.page);
      await target.answerOpen(join(workDir, 'iris-train.duto.json'), () => app.toolbar.clickOpen());
      await app.canvas.node('species_model').waitFor();
      await app.settled();
    });
    screenshotFailures(() => target?.page);
    afterAll(() => closeTarget(target));

    it('says "not trained yet", then shows accuracy and the confusion grid once the pipeline ran', async () => {
      await app.canvas.select('species_model');
      const card = target.page.getByTestId('model-card');
      await expect.poll(() => card.innerText()).toMatch(/Not trained yet: run the pipeline/);
      await app.run.runAll();
      expect(await app.run.waitForEnd()).toMatch(/finished/i);
      const accuracy = target.page.getByTestId('model-metric-accuracy');
      await expect.poll(() => accuracy.innerText(), { timeout: 20_000 }).toMatch(/^Accuracy\s+0\.9\d*$/);
      const grid = target.page.getByTestId('model-confusion');
      const cells = await grid.locator('tbody td').allInnerTexts();
      expect(cells).toHaveLength(9);
      expect(cells.reduce((a, c) => a + Number(c), 0)).toBe(30);
      expect(await grid.locator('thead th').allInnerTexts()).toEqual(
        expect.arrayContaining(['setosa', 'versicolor', 'virginica']),
      );
      // The importance chart is drawn: one bar per measurement.
      await expect.poll(() => card.locator('[data-testid="chart-canvas"] svg path').count()).toBeGreaterThan(4);
      await card.scrollIntoViewIfNeeded();
      await screenshot(target.page, 'model-card', target.workDir);
    });
  });
}
