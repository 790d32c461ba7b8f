import type { Locator, Page } from 'playwright-core';

/** Run controls in the toolbar and the run log in the bottom panel. */
export class RunPanelPage {
  constructor(private readonly page: Page) {}

  get runAllButton(): Locator {
    return this.page.getByTestId('run-all');
  }

  get cancelButton(): Locator {
    return this.page.getByTestId('run-cancel');
  }

  get log(): Locator {
    return this.page.getByTestId('run-log');
  }

  get entries(): Locator {
    return this.page.getByTestId('run-log-entry');
  }

  async runAll(): Promise<void> {
    await this.runAllButton.click();
    await this.page.getByTestId('bottom-log').waitFor();
  }

  async cancel(): Promise<void> {
    await this.cancelButton.click();
  }

  /** Waits for the log line a run ends with (finished, failed or cancelled) and returns it. */
  async waitForEnd(timeout = 60_000): Promise<string> {
    const end = this.entries.filter({ hasText: /^.*(finished|failed|cancelled)/ }).last();
    await end.waitFor({ timeout });
    await this.page.waitForFunction(
      () => document.querySelector('[data-testid="run-cancel"]')?.hasAttribute('disabled') === true,
      undefined,
      { timeout },
    );
    return end.innerText();
  }

  async texts(): Promise<string[]> {
    return this.entries.allInnerTexts();
  }
}
