import { describe, expect, it } from 'vitest';
import { isAppUrl } from './app-origin';

const APP = 'app://duto';

describe('isAppUrl: the exact app origin, nothing that merely starts like it', () => {
  it('accepts the app’s own pages', () => {
    for (const url of [
      'app://duto/',
      'app://duto',
      'app://duto/index.html',
      'app://duto/assets/x.js?v=1#top',
      'APP://duto/x',
      'app://duto:/',
    ])
      expect(isAppUrl(url, APP), url).toBe(true);
  });

  it('keeps a path that climbs on the app origin: the protocol handler confines paths, not this check', () => {
    expect(isAppUrl('app://duto/../', APP)).toBe(true);
    expect(isAppUrl('app://duto/..%2f..%2fetc/passwd', APP)).toBe(true);
  });

  it('refuses look-alike hosts, user info and ports', () => {
    for (const url of [
      'app://duto.evil/',
      'app://duto./',
      'app://duto%2eevil/',
      'app://duto@evil/',
      'app://duto\\@evil/',
      'app://evil@duto/',
      'app://u:p@duto/',
      'app://duto:80/',
      'app://[::1]/',
      'app://DUTO/',
      'app://Duto/',
      'app://duto%00/',
    ])
      expect(isAppUrl(url, APP), url).toBe(false);
  });

  it('refuses other schemes and origin-less URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'file://duto/index.html',
      'data:text/html,<script>alert(1)</script>',
      'blob:app://duto/1234',
      'about:blank',
      'http://duto/',
      'https://evil.example/',
      'app:duto',
      'app:/duto/',
      'app:///duto',
    ])
      expect(isAppUrl(url, APP), url).toBe(false);
  });

  it('refuses what does not parse, and no URL at all', () => {
    for (const url of ['', 'not a url', 'app://duto\\evil/', 'app://duto\u0000/', '//duto/'])
      expect(isAppUrl(url, APP), JSON.stringify(url)).toBe(false);
    expect(isAppUrl(undefined, APP)).toBe(false);
  });
});
