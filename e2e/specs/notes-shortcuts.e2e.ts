import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppPage } from '../pages/app-page';
import { screenshotFailures } from '../support/failures';
import { freshDir, launchTarget, targets, type Target } from '../support/target';

/**
 * Notes and shortcuts (issue #11): a note added with N starts in edit mode,
 * and single-letter shortcuts (N new note, L layout, F fit) never fire while
 * the user types into a note or a field.
 */
for (const { kind, available } of targets()) {
  describe.skipIf(!available)(`notes and shortcuts (${kind})`, () => {
    let target: Target;
    let app: AppPage;

    beforeAll(async () => {
      target = await launchTarget(kind, freshDir('duto-e2e-notes-'));
      app = new AppPage(target.page);
    });
    screenshotFailures(() => target?.page);
    afterAll(async () => {
      await target?.close();
      if (target !== undefined) rmSync(target.workDir, { recursive: true, force: true });
    });

    it('N adds a note whose text is what is typed next, letters that are shortcuts included', async () => {
      const { page } = target;
      const p = await app.canvas.at(0.4, 0.4);
      await page.mouse.move(p.x, p.y);
      await app.canvas.pane.click({ position: { x: 20, y: 20 } });
      await page.keyboard.press('n');
      const notes = page.locator('[data-testid^="note-"] textarea');
      await expect.poll(() => notes.count()).toBe(1);
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
      await page.keyboard.type('final layout notes');
      expect(await notes.count()).toBe(1);
      expect(await notes.first().inputValue()).toBe('final layout notes');
      expect(target.pageErrors).toEqual([]);
    });
  });
}
