import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotFailures } from '../support/failures';
import { startRecordingListener, type RecordingListener } from '../support/recording-listener';
import { freshDir, launchChromium, VIEWPORT } from '../support/target';
import { startWebShell, type WebShellProcess } from '../support/web-shell';

/**
 * The browser shell's credential never reaches another port of 127.0.0.1.
 * Cookies ignore ports, so a token kept in one would be sent to every local
 * listener; here another listener records everything the browser sends it
 * while the app page, and a page of the listener's own, reach it by
 * navigation, <img> and fetch with credentials. The page's CSP is bypassed so
 * that those requests really leave the app page: the check must not rest on
 * the CSP. Browser shell only: the desktop app has no token.
 */
describe('browser shell credentials (web)', () => {
  let shell: WebShellProcess;
  let listener: RecordingListener;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const workDir = freshDir('duto-e2e-creds-');
  const userData = freshDir('duto-e2e-creds-user-');

  const appInfo = (p: Page): Promise<Response> => p.waitForResponse((r) => r.url().endsWith('/api/app.info'));

  beforeAll(async () => {
    listener = await startRecordingListener();
    shell = await startWebShell(workDir, userData);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: VIEWPORT, bypassCSP: true, locale: 'en-US' });
    page = await context.newPage();
  });
  screenshotFailures(() => page);
  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
    await listener?.close();
    rmSync(workDir, { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
  });

  it('takes the token from the printed address, drops it from the address bar, and calls the API with it in a header', async () => {
    const info = appInfo(page);
    await page.goto(shell.url);
    await page.getByTestId('canvas').waitFor();
    const answer = await info;
    expect(answer.status()).toBe(200);
    const sent = await answer.request().allHeaders();
    expect(sent['authorization']).toBe(`Bearer ${shell.token}`);
    expect(sent['cookie']).toBeUndefined();
    await expect.poll(() => page.url()).toBe(`${shell.origin}/`);
    expect(await page.evaluate(() => window.location.href)).not.toContain('token');
    expect(await context.cookies()).toEqual([]);
    expect(await page.getByTestId('launch-address-notice').count()).toBe(0);
  });

  it('still works after a reload, with no token in the address', async () => {
    const info = appInfo(page);
    await page.reload();
    expect((await info).status()).toBe(200);
    await page.getByTestId('canvas').waitFor();
    expect(page.url()).toBe(`${shell.origin}/`);
    expect(await page.getByTestId('launch-address-notice').count()).toBe(0);
  });

  it('sends nothing of the token to another port, by <img>, fetch with credentials or navigation', async () => {
    await page.evaluate(async (other) => {
      const img = document.createElement('img');
      const loaded = new Promise((resolve) => {
        img.onload = resolve;
        img.onerror = resolve;
      });
      img.src = `${other}/from-app-img.gif`;
      document.body.append(img);
      await loaded;
      await fetch(`${other}/from-app-fetch-cors`, { credentials: 'include', method: 'POST', body: 'x' });
      await fetch(`${other}/from-app-fetch-no-cors`, { credentials: 'include', mode: 'no-cors' });
    }, listener.origin);
    // The app page itself goes to the other port, whose page then calls home with credentials.
    await page.goto(`${listener.origin}/page`);
    await expect.poll(() => page.title()).toBe('fetched');

    const paths = listener.requests.map((r) => r.url);
    for (const expected of [
      '/from-app-img.gif',
      '/from-app-fetch-cors',
      '/from-app-fetch-no-cors',
      '/page',
      '/from-listener-page.gif',
      '/from-listener-page-fetch',
    ]) {
      expect(paths).toContain(expected);
    }
    for (const r of listener.requests) {
      expect(r.headers['cookie'], r.url).toBeUndefined();
      expect(r.headers['authorization'], r.url).toBeUndefined();
      expect(JSON.stringify(r), r.url).not.toContain(shell.token);
    }
  });

  it('comes back to a working app without the token in the address', async () => {
    const info = appInfo(page);
    await page.goBack();
    expect((await info).status()).toBe(200);
    expect(page.url()).toBe(`${shell.origin}/`);
  });

  it('without the printed address, a page gets no API and says which address to open', async () => {
    const other = await context.newPage();
    const asked: string[] = [];
    other.on('request', (r) => {
      if (r.url().includes('/api/')) asked.push(r.url());
    });
    await other.goto(`${shell.origin}/`);
    await other.getByTestId('launch-address-notice').waitFor();
    expect(await other.getByTestId('launch-address-notice').textContent()).toContain(
      'Open Duto from the address it printed',
    );
    // The page has no key, so it does not even ask; a request made anyway is refused.
    expect(asked).toEqual([]);
    const refused = await other.evaluate(
      async () =>
        (await fetch('/api/app.info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }))
          .status,
    );
    expect(refused).toBe(401);
    await other.close();
  });
});
