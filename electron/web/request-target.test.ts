import { describe, expect, it } from 'vitest';
import { MAX_TARGET_LENGTH, parseRequestTarget } from './request-target';

const segmentsOf = (raw: string): readonly string[] | number => {
  const t = parseRequestTarget(raw);
  return t.ok ? t.segments : t.status;
};

describe('request target', () => {
  it('decodes an origin-form path into its segments and drops the query', () => {
    expect(segmentsOf('/')).toEqual([]);
    expect(segmentsOf('/assets/index-abc.js')).toEqual(['assets', 'index-abc.js']);
    expect(segmentsOf('/api/app.info?token=x')).toEqual(['api', 'app.info']);
    expect(segmentsOf('/a%20b/%C3%A9')).toEqual(['a b', 'é']);
    expect(segmentsOf('/dir/')).toEqual(['dir']);
  });

  it('refuses absolute-form, authority-form, asterisk-form and protocol-relative targets', () => {
    for (const raw of ['http://[', 'http://127.0.0.1/', '127.0.0.1:80', '*', '//evil.example/x', 'index.html', '']) {
      expect(segmentsOf(raw), raw).toBe(400);
    }
    expect(parseRequestTarget(undefined)).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses bad percent-encoding and what is not UTF-8 once decoded', () => {
    for (const raw of ['/%C0', '/%', '/%zz', '/a%2', '/%E2%82', '/%FF%FE']) expect(segmentsOf(raw), raw).toBe(400);
  });

  it('refuses dot segments, encoded separators, NUL and control characters, raw or encoded', () => {
    for (const raw of [
      '/..',
      '/a/../b',
      '/.',
      '/%2e%2e/etc/passwd',
      '/..%2f..%2fetc%2fpasswd',
      '/a%5c..%5cb',
      '/a%00b',
      '/a%0d%0aSet-Cookie:x',
      '/a%7f',
      '/a\\b',
      '/a//b',
    ]) {
      expect(segmentsOf(raw), raw).toBe(400);
    }
    expect(segmentsOf('/a\u0000b')).toBe(400);
    expect(segmentsOf('/é')).toBe(400);
    expect(segmentsOf('/a b')).toBe(400);
  });

  it('refuses an over-long target with 414', () => {
    expect(segmentsOf('/' + 'a'.repeat(MAX_TARGET_LENGTH))).toBe(414);
    expect(segmentsOf('/' + 'a'.repeat(MAX_TARGET_LENGTH - 1))).toEqual(['a'.repeat(MAX_TARGET_LENGTH - 1)]);
  });
});
