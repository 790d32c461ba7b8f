import type { Locator, Page } from 'playwright-core';

export interface GridColumn {
  name: string;
  type: string;
}

/** The preview panel: the first rows of the selected node, with column types. */
export class PreviewPage {
  constructor(private readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByTestId('preview');
  }

  get info(): Locator {
    return this.page.getByTestId('preview-info');
  }

  get error(): Locator {
    return this.page.getByTestId('preview-error');
  }

  get rows(): Locator {
    return this.page.locator('[data-testid="preview-grid"] .grid-row');
  }

  async open(): Promise<void> {
    const toggle = this.page.getByTestId('toggle-preview');
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    await this.page.getByTestId('bottom-preview').waitFor();
  }

  /** Waits until the preview shows `nodeId` with rows on screen. */
  async waitForRows(nodeId: string): Promise<void> {
    await this.panel.locator('.preview-bar strong', { hasText: nodeId }).waitFor();
    await this.info.waitFor();
    await this.rows.first().waitFor();
  }

  async columns(): Promise<GridColumn[]> {
    return this.page.locator('[data-testid="preview-grid"] .grid-col').evaluateAll((cols) =>
      cols.map((c) => ({ name: c.querySelector('.col-name')?.textContent ?? '', type: c.querySelector('.col-type')?.textContent ?? '' })),
    );
  }

  /** The cells of the n-th visible row (0-based), as shown. */
  async row(n: number): Promise<string[]> {
    return this.rows.nth(n).locator('[role="gridcell"]').allInnerTexts();
  }
}
