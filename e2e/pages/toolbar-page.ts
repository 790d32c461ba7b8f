import type { Locator, Page } from 'playwright-core';

/** File, edit and view commands of the toolbar, and the settings they open. */
export class ToolbarPage {
  constructor(private readonly page: Page) {}

  button(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  get title(): Locator {
    return this.page.getByTestId('doc-title');
  }

  /** Runs a command of the File menu. */
  async fileMenu(item: 'file-new' | 'file-open' | 'file-save-as' | 'file-import' | 'file-export' | 'file-export-docs'): Promise<void> {
    await this.button('file-menu').click();
    await this.button(item).click();
  }

  async newDocument(): Promise<void> {
    await this.fileMenu('file-new');
  }

  async clickOpen(): Promise<void> {
    await this.fileMenu('file-open');
  }

  async clickExport(): Promise<void> {
    await this.fileMenu('file-export');
  }

  /** Imports a pipeline file through the file input behind File › Import…. */
  async importFile(path: string): Promise<void> {
    await this.button('file-import-input').setInputFiles(path);
  }

  async undo(): Promise<void> {
    await this.button('undo').click();
  }

  async redo(): Promise<void> {
    await this.button('redo').click();
  }

  async tidyUp(): Promise<void> {
    await this.button('auto-layout').click();
  }

  async fit(): Promise<void> {
    await this.button('fit-view').click();
  }

  async setTheme(theme: 'light' | 'dark' | 'system'): Promise<void> {
    await this.button('open-settings').click();
    await this.page.getByTestId('pref-theme').selectOption(theme);
    await this.page.keyboard.press('Escape');
    await this.page.getByTestId('settings-overlay').waitFor({ state: 'detached' });
  }

  async setLanguage(locale: 'en' | 'pt-BR'): Promise<void> {
    await this.button('open-settings').click();
    await this.page.getByTestId('pref-locale').selectOption(locale);
    await this.page.keyboard.press('Escape');
    await this.page.getByTestId('settings-overlay').waitFor({ state: 'detached' });
  }
}
