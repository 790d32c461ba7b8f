import { describe, expect, it } from 'vitest';
import { normalizeOrigin, parseOriginList } from './secret-origins';

const parse = (t: string): URL => new URL(t);

describe('secret origins', () => {
  it('normalises to scheme://host[:port]: lower-case host, default port dropped, IDN as punycode', () => {
    expect(normalizeOrigin('HTTPS://Api.Example.COM:443/', parse)).toEqual({
      ok: true,
      origin: 'https://api.example.com',
    });
    expect(normalizeOrigin(' http://127.0.0.1:8080 ', parse)).toEqual({ ok: true, origin: 'http://127.0.0.1:8080' });
    expect(normalizeOrigin('http://example.com:80', parse)).toEqual({ ok: true, origin: 'http://example.com' });
    expect(normalizeOrigin('https://bücher.example', parse)).toEqual({
      ok: true,
      origin: 'https://xn--bcher-kva.example',
    });
    expect(normalizeOrigin('https://[::1]:8443', parse)).toEqual({ ok: true, origin: 'https://[::1]:8443' });
  });

  it('refuses what is not an origin', () => {
    expect(normalizeOrigin('', parse)).toEqual({ ok: false, problem: 'empty' });
    expect(normalizeOrigin('api.example.com', parse)).toEqual({ ok: false, problem: 'not-url' });
    expect(normalizeOrigin('ftp://example.com', parse)).toEqual({ ok: false, problem: 'scheme' });
    expect(normalizeOrigin('https://u:p@example.com', parse)).toEqual({ ok: false, problem: 'credentials' });
    for (const t of [
      'https://example.com/v1',
      'https://example.com/?a=1',
      'https://example.com#x',
      'https://example.com?',
    ]) {
      expect(normalizeOrigin(t, parse)).toEqual({ ok: false, problem: 'path' });
    }
  });

  it('reads a list separated by commas or lines, without duplicates, naming a bad entry', () => {
    expect(parseOriginList('https://a.example, https://A.example:443\nhttp://b.example:8080', parse)).toEqual({
      ok: true,
      origins: ['https://a.example', 'http://b.example:8080'],
    });
    expect(parseOriginList(' , ', parse)).toEqual({ ok: false, entry: '', problem: 'empty' });
    expect(parseOriginList('https://a.example, https://b.example/api', parse)).toEqual({
      ok: false,
      entry: 'https://b.example/api',
      problem: 'path',
    });
  });
});
