import type { Locator, Page } from 'playwright-core';

/** The Connections dialog: database connections and named secrets. */
export class ConnectionsPage {
  constructor(private readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByTestId('connections-dialog');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('open-connections').click();
    await this.page.getByTestId('secrets-section').waitFor();
  }

  async close(): Promise<void> {
    await this.page.getByTestId('connections-close').click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  /** Adds a secret with the form, as a user types it, with the origins it may be sent to. */
  async addSecret(name: string, value: string, origins: string): Promise<void> {
    await this.page.getByTestId('secret-add').click();
    await this.page.getByTestId('secret-name').fill(name);
    await this.page.getByTestId('secret-value').fill(value);
    await this.page.getByTestId('secret-origins').fill(origins);
    await this.page.getByTestId('secret-save').click();
    await this.page.getByTestId(`secret-${name.toUpperCase()}`).waitFor();
  }

  secretSource(name: string): Locator {
    return this.page.getByTestId(`secret-source-${name}`);
  }
}
