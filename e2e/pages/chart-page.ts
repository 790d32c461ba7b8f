import type { Locator, Page } from 'playwright-core';

/** The preview's Chart view: the pickers, the saved charts and the chart ECharts draws. */
export class ChartPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('preview-view-chart').click();
    await this.page.getByTestId('chart-view').waitFor();
  }

  field(name: 'type' | 'x' | 'y' | 'color' | 'aggregate' | 'value' | 'title'): Locator {
    return this.page.getByTestId(`chart-${name}`);
  }

  async pick(name: 'type' | 'x' | 'y' | 'color' | 'aggregate' | 'value', value: string): Promise<void> {
    await this.field(name).selectOption(value);
  }

  get empty(): Locator {
    return this.page.getByTestId('chart-empty');
  }

  get info(): Locator {
    return this.page.getByTestId('chart-info');
  }

  saved(index: number): Locator {
    return this.page.getByTestId(`chart-saved-${String(index)}`);
  }

  async save(): Promise<void> {
    await this.page.getByTestId('chart-save').click();
  }

  /** The bars ECharts drew (SVG paths filled with the first series' colour), in category order. */
  bars(fill: string): Locator {
    return this.page.locator(`[data-testid="chart-canvas"] svg path[fill="${fill}"]`);
  }
}
