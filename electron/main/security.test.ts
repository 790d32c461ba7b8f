import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { CSP, lockDown, refusePermissions, secureWebPreferences } from './security';

// webPreferences are checked directly: electronegativity misses nodeIntegration when sandbox is off.
describe('window hardening', () => {
  it('isolates and sandboxes the renderer', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('ships a strict CSP: own scripts only, no eval, no plugins', () => {
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toContain('unsafe-eval');
    expect(CSP).toContain("object-src 'none'");
  });

  it('denies window.open, outside navigation and webviews', () => {
    const { contents, handlers, openHandler } = standInContents();
    lockDown(contents, 'app://duto');
    expect(openHandler()?.()).toEqual({ action: 'deny' });
    const attach = { preventDefault: vi.fn() };
    handlers.get('will-attach-webview')?.(attach);
    expect(attach.preventDefault).toHaveBeenCalledOnce();
  });

  // Each of these is a navigation, a redirect or a frame load the page may try; only the app's own origin passes.
  const hostile = [
    'app://duto.evil/',
    'app://duto@evil/',
    'app://duto:1/',
    'app://DUTO/',
    'app://evil/index.html',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://duto/4f1c',
    'about:blank',
    'https://evil.example/',
    'http://127.0.0.1:8080/',
    'not a url',
  ];
  for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    it(`${event}: stays on app://duto, whatever the URL claims`, () => {
      const { contents, handlers } = standInContents();
      lockDown(contents, 'app://duto');
      const handler = handlers.get(event);
      expect(handler).toBeDefined();
      const outcome = (url: string): boolean => {
        const details = { url, preventDefault: vi.fn() };
        handler?.(details);
        return details.preventDefault.mock.calls.length === 0;
      };
      for (const url of hostile) expect(outcome(url), url).toBe(false);
      expect(outcome('app://duto/index.html')).toBe(true);
      expect(outcome('app://duto/../index.html')).toBe(true);
    });
  }
});

describe('permissions', () => {
  it('refuses every permission request, check and device, from our own origin too', () => {
    const set: {
      request?: Parameters<Session['setPermissionRequestHandler']>[0];
      check?: Parameters<Session['setPermissionCheckHandler']>[0];
      device?: Parameters<Session['setDevicePermissionHandler']>[0];
    } = {};
    refusePermissions({
      setPermissionRequestHandler: (h) => (set.request = h),
      setPermissionCheckHandler: (h) => (set.check = h),
      setDevicePermissionHandler: (h) => (set.device = h),
    });
    const { request, check, device } = set;
    expect(request && check && device).toBeTypeOf('function');
    const contents = {} as WebContents;
    const requested = [
      'clipboard-read',
      'clipboard-sanitized-write',
      'media',
      'notifications',
      'openExternal',
      'fullscreen',
      'fileSystem',
      'unknown',
    ] as const;
    for (const permission of requested) {
      const callback = vi.fn();
      request?.(contents, permission, callback, { requestingUrl: 'app://duto/index.html', isMainFrame: true });
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
    }
    const checked = [
      'clipboard-read',
      'clipboard-sanitized-write',
      'hid',
      'serial',
      'usb',
      'media',
      'geolocation',
      'storage-access',
    ] as const;
    for (const permission of checked) {
      for (const origin of ['app://duto', 'https://evil.example']) {
        expect(
          check?.(contents, permission, origin, {
            requestingUrl: `${origin}/`,
            isMainFrame: true,
            embeddingOrigin: origin,
          }),
          `${permission} ${origin}`,
        ).toBe(false);
      }
    }
    expect(
      device?.({
        deviceType: 'usb',
        origin: 'app://duto',
        device: { deviceId: '1', vendorId: 1, productId: 1 },
      } as never),
    ).toBe(false);
  });
});

type Listener = (event: { url?: string; preventDefault(): void }) => void;

/** The part of a WebContents lockDown uses, recording what it registers. */
function standInContents() {
  const handlers = new Map<string, Listener>();
  let open: (() => { action: string }) | undefined;
  const contents = {
    setWindowOpenHandler: (h: () => { action: string }) => (open = h),
    on: (name: string, h: Listener) => handlers.set(name, h),
  } as unknown as WebContents;
  return { contents, handlers, openHandler: () => open };
}
