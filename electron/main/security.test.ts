import { describe, expect, it } from 'vitest';
import type { WebContents } from 'electron';
import { CSP, lockDown, secureWebPreferences } from './security';

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
    const handlers: Record<string, (event: { preventDefault(): void }, url?: string) => void> = {};
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      setWindowOpenHandler: (h: () => { action: string }) => (openHandler = h),
      on: (name: string, h: (event: { preventDefault(): void }, url?: string) => void) => (handlers[name] = h),
    } as unknown as WebContents;
    lockDown(contents, 'app://duto');
    expect(openHandler?.()).toEqual({ action: 'deny' });
    let prevented = 0;
    const event = { preventDefault: () => prevented++ };
    handlers['will-navigate']?.(event, 'https://evil.example/');
    handlers['will-navigate']?.(event, 'app://duto/index.html');
    handlers['will-attach-webview']?.(event);
    expect(prevented).toBe(2);
  });
});
