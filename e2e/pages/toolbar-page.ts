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
  async fileMenu(
    item: 'file-new' | 'file-open' | 'file-save-as' | 'file-import' | 'file-export' | 'file-export-docs',
  ): Promise<void> {
    await this.button('file-menu').click();
    await this.button(item).click();
  }

  /** The Save / Don't save / Cancel question before unsaved changes are dropped. */
  get unsavedPrompt(): Locator {
    return this.page.getByTestId('unsaved-prompt');
  }

  /**
   * Answers "Don't save" if the unsaved-changes question comes before `next`
   * (what shows when it does not), or within `ms` where nothing else shows:
   * a spec that starts another pipeline means to drop its changes.
   */
  private async discardIfAsked(next: Locator | null, ms = 1000): Promise<void> {
    try {
      await (next === null ? this.unsavedPrompt : this.unsavedPrompt.or(next)).first().waitFor({ timeout: ms });
    } catch {
      return;
    }
    if (await this.unsavedPrompt.isVisible()) {
      await this.button('unsaved-discard').click();
      await this.unsavedPrompt.waitFor({ state: 'detached' });
    }
  }

  async newDocument(): Promise<void> {
    await this.fileMenu('file-new');
    await this.discardIfAsked(this.page.getByTestId('empty-state'), 5000);
  }

  async clickOpen(): Promise<void> {
    await this.fileMenu('file-open');
    // The browser shell shows its own file browser; Electron's dialog is answered outside the page.
    await this.discardIfAsked(this.page.getByTestId('file-browser'), 2000);
  }

  async clickExport(): Promise<void> {
    await this.fileMenu('file-export');
  }

  /** File › Import…, up to the app's file dialog (answered like Open's). */
  async clickImport(): Promise<void> {
    await this.fileMenu('file-import');
    await this.discardIfAsked(this.page.getByTestId('file-browser'), 2000);
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
