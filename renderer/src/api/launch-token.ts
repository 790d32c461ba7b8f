/**
 * The browser shell's per-launch token, on the page's side. The address the
 * shell prints carries it in the fragment (`/#token=…`), which browsers never
 * send to a server. The page moves it at once to sessionStorage — scoped to
 * this origin (port included) and this tab, so no other local server can read
 * it — and out of the address bar, so a reload still works and the address no
 * longer holds it. The server checks it on every API call (a header, never a
 * cookie); a new launch has a new one.
 */

const STORAGE_KEY = 'duto.launchToken';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,512}$/;

interface TokenStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The parts of `window` the token goes through, so that a test can hand its own. */
export interface PageAddress {
  readonly location: { readonly hash: string; readonly pathname: string; readonly search: string };
  readonly history: { readonly state: unknown; replaceState(data: unknown, unused: string, url?: string | null): void };
  readonly storage: TokenStore | null;
}

/** The token given in the address (now removed from it and kept), or the one kept earlier in this tab, or null. */
export function adoptLaunchToken(page: PageAddress): string | null {
  const given = tokenInFragment(page.location.hash);
  if (given !== undefined)
    page.history.replaceState(page.history.state, '', page.location.pathname + page.location.search);
  if (typeof given === 'string') {
    keep(page.storage, given);
    return given;
  }
  const kept = read(page.storage);
  return kept !== null && TOKEN_SHAPE.test(kept) ? kept : null;
}

/** undefined: the fragment names no token; null: it names one of the wrong shape. */
export function tokenInFragment(hash: string): string | null | undefined {
  if (!hash.startsWith('#')) return undefined;
  const value = new URLSearchParams(hash.slice(1)).get('token');
  if (value === null) return undefined;
  return TOKEN_SHAPE.test(value) ? value : null;
}

/**
 * The token for this page in the browser shell. Pasting a new launch's
 * address into this tab changes only the fragment (no reload): the new token
 * is kept and the page reloads, so that nothing of the old launch lingers.
 */
export function browserShellToken(): string | null {
  const page: PageAddress = { location: window.location, history: window.history, storage: sessionStore() };
  window.addEventListener('hashchange', () => {
    if (tokenInFragment(window.location.hash) === undefined) return;
    adoptLaunchToken(page);
    window.location.reload();
  });
  return adoptLaunchToken(page);
}

function sessionStore(): TokenStore | null {
  try {
    return window.sessionStorage;
  } catch {
    // Storage turned off: the token still works for this page, only a reload needs the address again.
    return null;
  }
}

function keep(store: TokenStore | null, token: string): void {
  try {
    store?.setItem(STORAGE_KEY, token);
  } catch {
    // Full or refused storage: as above.
  }
}

function read(store: TokenStore | null): string | null {
  try {
    return store?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
