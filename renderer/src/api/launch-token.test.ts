// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { adoptLaunchToken, tokenInFragment, type PageAddress } from './launch-token';

const TOKEN = 'Zt3x_q-9aB0cD1eF2gH3iJ4kL5mN6oP7qR8sT9uV0wX';

function page(): PageAddress {
  return { location: window.location, history: window.history, storage: window.sessionStorage };
}

describe('launch token in the page', () => {
  beforeEach(() => {
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it('takes the token from the fragment, keeps it for this tab and removes it from the address', () => {
    window.history.replaceState({ kept: 1 }, '', `/?view=1#token=${TOKEN}`);
    expect(adoptLaunchToken(page())).toBe(TOKEN);
    expect(window.location.href).not.toContain(TOKEN);
    expect(window.location.hash).toBe('');
    expect(window.location.search).toBe('?view=1');
    expect(window.history.state).toEqual({ kept: 1 });
    expect(Object.values(window.sessionStorage)).toEqual([TOKEN]);
  });

  it('finds the kept token again after a reload, with no token in the address', () => {
    window.history.replaceState(null, '', `/#token=${TOKEN}`);
    adoptLaunchToken(page());
    expect(window.location.href).toBe(`${window.location.origin}/`);
    expect(adoptLaunchToken(page())).toBe(TOKEN);
  });

  it('has no token without one in the address or the tab, and never takes one of the wrong shape', () => {
    expect(adoptLaunchToken(page())).toBeNull();
    window.history.replaceState(null, '', '/#token=<script>');
    expect(adoptLaunchToken(page())).toBeNull();
    expect(window.location.hash).toBe('');
    expect(window.sessionStorage.length).toBe(0);
  });

  it('a new launch’s address replaces the kept token', () => {
    window.history.replaceState(null, '', `/#token=${TOKEN}`);
    adoptLaunchToken(page());
    const next = TOKEN.split('').reverse().join('');
    window.history.replaceState(null, '', `/#token=${next}`);
    expect(adoptLaunchToken(page())).toBe(next);
    expect(adoptLaunchToken(page())).toBe(next);
  });

  it('works for this page when storage is refused', () => {
    const refusing: PageAddress = {
      ...page(),
      storage: {
        getItem: () => {
          throw new Error('SecurityError');
        },
        setItem: () => {
          throw new Error('QuotaExceededError');
        },
      },
    };
    window.history.replaceState(null, '', `/#token=${TOKEN}`);
    expect(adoptLaunchToken(refusing)).toBe(TOKEN);
    expect(adoptLaunchToken(refusing)).toBeNull();
  });

  it('reads the token field of the fragment only', () => {
    expect(tokenInFragment('')).toBeUndefined();
    expect(tokenInFragment('#other=1')).toBeUndefined();
    expect(tokenInFragment(`#a=1&token=${TOKEN}`)).toBe(TOKEN);
    expect(tokenInFragment('#token=short')).toBeNull();
  });
});
