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
      cols.map((c) => ({
        name: c.querySelector('.col-name')?.textContent ?? '',
        type: c.querySelector('.col-type')?.textContent ?? '',
      })),
    );
  }

  /** The cells of the n-th visible row (0-based), as shown. */
  async row(n: number): Promise<string[]> {
    // A row scrolled into view shows its number before its page of values arrives.
    const cells = this.rows.nth(n).locator('[role="gridcell"]');
    // The grid may render the row again between the wait and the read (a new preview after an edit): read again then.
    for (;;) {
      await cells.first().waitFor();
      const texts = await cells.allInnerTexts();
      if (texts.length > 0) return texts;
    }
  }

  /** Clicks a column's header: unsorted → ascending → descending → unsorted, over the node's whole output. */
  async sortBy(column: string): Promise<void> {
    await this.page.getByTestId(`preview-sort-${column}`).click();
  }

  sortState(column: string): Promise<string | null> {
    return this.page.getByTestId(`preview-col-${column}`).getAttribute('aria-sort');
  }

  /** Types a filter under a column's header (the filter row opens first). */
  async filter(column: string, text: string): Promise<void> {
    const input = this.page.getByTestId(`preview-filter-${column}`);
    if ((await input.count()) === 0) await this.page.getByTestId('preview-filters-toggle').click();
    await input.fill(text);
  }

  get matching(): Locator {
    return this.page.getByTestId('preview-matching');
  }

  /** The value of one column in every visible row. */
  async columnValues(index: number): Promise<string[]> {
    return this.rows.evaluateAll(
      (rows, i) => rows.map((r) => r.querySelectorAll('[role="gridcell"]')[i]?.textContent ?? ''),
      index,
    );
  }
}
