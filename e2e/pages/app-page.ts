import type { Page } from 'playwright-core';
import { CanvasPage, settled } from './canvas-page';
import { ChartPage } from './chart-page';
import { ConnectionsPage } from './connections-page';
import { InspectorPage } from './inspector-page';
import { OperationsPage } from './operations-page';
import { PalettePage } from './palette-page';
import { PreviewPage } from './preview-page';
import { RunPanelPage } from './run-panel-page';
import { ToolbarPage } from './toolbar-page';

/** The whole window, one page object per area. */
export class AppPage {
  readonly canvas: CanvasPage;
  readonly palette: PalettePage;
  readonly inspector: InspectorPage;
  readonly preview: PreviewPage;
  readonly chart: ChartPage;
  readonly run: RunPanelPage;
  readonly toolbar: ToolbarPage;
  readonly connections: ConnectionsPage;
  readonly operations: OperationsPage;

  constructor(readonly page: Page) {
    this.canvas = new CanvasPage(page);
    this.palette = new PalettePage(page, this.canvas);
    this.inspector = new InspectorPage(page);
    this.preview = new PreviewPage(page);
    this.chart = new ChartPage(page);
    this.run = new RunPanelPage(page);
    this.toolbar = new ToolbarPage(page);
    this.connections = new ConnectionsPage(page);
    this.operations = new OperationsPage(page);
  }

  /** Waits until the design-time check (schemas, diagnostics) of the latest edit is on screen. */
  async settled(): Promise<void> {
    await settled(this.page);
  }
}
