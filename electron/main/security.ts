import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/** The renderer's Content-Security-Policy, sent as a header on every app:// response. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Every window is created with these; a test checks them directly (electronegativity misses some cases). */
export function secureWebPreferences(preload: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/**
 * No new windows, no webviews, and no navigation, redirect or frame load
 * that leaves the app's exact origin (see isAppUrl).
 */
export function lockDown(contents: WebContents, appOrigin: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayOnApp = (details: { url: string; preventDefault(): void }): void => {
    if (!isAppUrl(details.url, appOrigin)) details.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-frame-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Duto's renderer needs no web permission: copy and paste use the clipboard
 * events of a keystroke, which ask none. Every request, check and device
 * access is refused, from our own origin too, so a page that got in could
 * not ask for a camera, a USB device or the clipboard either.
 */
export function refusePermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
