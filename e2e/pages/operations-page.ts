import type { Locator, Page } from 'playwright-core';

/** The Operations view (every pipeline's runs) and the Schedules panel, in the bottom panel. */
export class OperationsPage {
  constructor(private readonly page: Page) {}

  get view(): Locator {
    return this.page.getByTestId('operations');
  }

  /** Opens the Operations view from the toolbar. */
  async open(): Promise<void> {
    const toggle = this.page.getByTestId('toggle-operations');
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    await this.view.waitFor();
  }

  /** The runs of one pipeline file, newest first, once the filter shows only them. */
  async runsOf(file: string): Promise<Locator> {
    await this.page.getByTestId('operations-filter-pipeline').selectOption(file);
    return this.rows;
  }

  get rows(): Locator {
    return this.view.getByTestId('operations-row');
  }

  async outcomes(): Promise<string[]> {
    return this.rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome') ?? ''));
  }

  /** The failed run's "open at node" link, in the row given. */
  openFailure(row: Locator): Locator {
    return row.getByTestId('operations-open-failure');
  }

  async openSchedules(): Promise<Locator> {
    await this.open();
    await this.page.getByTestId('tab-schedules').click();
    const panel = this.page.getByTestId('schedules');
    await panel.waitFor();
    return panel;
  }
}
