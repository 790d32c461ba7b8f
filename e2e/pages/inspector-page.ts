import type { Locator, Page } from 'playwright-core';

/** The inspector: the form generated from the selected node's params. */
export class InspectorPage {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('inspector');
  }

  /** The control of a param: `path`, or `measures.0.column` inside a list. */
  field(path: string): Locator {
    return this.page.getByTestId(`param-${path.replace(/\./g, '-')}`);
  }

  error(path: string): Locator {
    return this.page.getByTestId(`param-${path.replace(/\./g, '-')}-error`);
  }

  get nodeId(): Locator {
    return this.page.getByTestId('node-id');
  }

  async fill(path: string, value: string): Promise<void> {
    await this.field(path).fill(value);
  }

  /** Types into an expression or SQL editor, replacing its text, as a user would. */
  async typeCode(path: string, text: string): Promise<void> {
    const editor = this.field(path).locator('.cm-content');
    await editor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(text);
    // Close a completion popup the last word may have opened.
    await this.page.keyboard.press('Escape');
  }

  /** Types into a code editor at its cursor, without clearing it or closing what opens (completion, signature help). */
  async typeMore(path: string, text: string): Promise<void> {
    await this.field(path).locator('.cm-content').focus();
    await this.page.keyboard.type(text);
  }

  /** The labels of the completion popup's options, once it shows. */
  async completionLabels(): Promise<string[]> {
    const popup = this.page.locator('.cm-tooltip-autocomplete');
    await popup.waitFor();
    return popup.locator('.cm-completionLabel').allInnerTexts();
  }

  get signatureHelp(): Locator {
    return this.page.getByTestId('signature-help');
  }

  /** The red underline where the engine's parser stopped. */
  errorMark(path: string): Locator {
    return this.field(path).getByTestId('expression-error-mark');
  }

  async codeText(path: string): Promise<string> {
    return this.field(path).locator('.cm-content').innerText();
  }

  /** Picks an option by value: an enum, or a column once the upstream schema is known. */
  async choose(path: string, value: string): Promise<void> {
    await this.field(path).selectOption(value);
  }

  /** Adds a row to a list param (join keys, measures, …). */
  async addRow(path: string): Promise<void> {
    await this.field(`${path}.add`).click();
  }

  /** Adds upstream columns to a columns param, in order. */
  async addColumns(path: string, names: readonly string[]): Promise<void> {
    for (const name of names) await this.field(`${path}.add`).selectOption(name);
  }

  /** Columns the node outputs, as the inspector lists them. */
  async outputColumns(): Promise<string[]> {
    return this.root.locator('.inspector-schema .col-name').allTextContents();
  }
}
