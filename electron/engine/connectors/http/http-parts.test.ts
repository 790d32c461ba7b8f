import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './json-client';
import { atPath } from './json-path';
import { nextLink } from './link-header';
import { flatten, inferLayout, toColumnValue } from './record-columns';
import { diagnosticOf, diagnosticText } from '../../../../shared/diagnostics';
import { argsFitTemplate } from '../../../../shared/messages/diagnostic-messages';
import {
  environmentSecrets,
  type SecretAnswer,
  type SecretChange,
  type SecretProblem,
} from '../../external/secret-lookup';
import {
  checkOrigins,
  MissingSecretError,
  redact,
  resolveSecrets,
  SecretOriginError,
  secretNames,
  type SecretPlace,
  type SecretUse,
} from './secret-refs';

describe('nextLink', () => {
  it('finds rel="next" among several links, resolving relative targets', () => {
    const header =
      '<https://api.x.com/items?page=1&a=b,c>; rel="first", </items?page=3>; rel="next", <https://api.x.com/items?page=9>; rel=last';
    expect(nextLink(header, 'https://api.x.com/items?page=2')).toBe('https://api.x.com/items?page=3');
    expect(nextLink('<https://a/2>; rel="prev next"', 'https://a/1')).toBe('https://a/2');
    expect(nextLink('<https://a/2>; title="next"; rel=prev', 'https://a/1')).toBeUndefined();
    expect(nextLink(null, 'https://a/1')).toBeUndefined();
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('7')).toBe(7000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe('atPath', () => {
  it('walks objects and array indexes, and says where a path stops', () => {
    const body = { data: { items: [{ id: 1 }] } };
    expect(atPath(body, 'data.items.0.id')).toEqual({ found: true, value: 1 });
    expect(atPath(body, '')).toEqual({ found: true, value: body });
    expect(atPath(body, 'data.rows')).toEqual({ found: false, at: 'data', keys: ['items'] });
    expect(atPath({ a: null }, 'a')).toEqual({ found: true, value: null });
  });
});

describe('secrets', () => {
  it('resolves references and redacts their values, URL-encoded ones too', () => {
    const r = resolveSecrets(
      'Bearer ${secret:T}/${secret:U}',
      (n) => ({ value: n === 'T' ? 'a b&c' : 'zz', origins: 'any', change: { variable: 'V' } }),
      { in: 'header', name: 'X' },
    );
    expect(r.text).toBe('Bearer a b&c/zz');
    expect(r.values).toEqual(['a b&c', 'zz']);
    expect(r.uses.map((u) => u.name)).toEqual(['T', 'U']);
    expect(redact('https://h/?k=a%20b%26c&z=zz', r.values)).toBe('https://h/?k=***&z=***');
    expect(secretNames('${secret:A} ${secret:B} ${secret:A} ${param}')).toEqual(['A', 'B']);
    expect(() => resolveSecrets('${secret:NOPE}', environmentSecrets({}), { in: 'query', name: 'key' })).toThrow(
      'query parameter key uses the secret NOPE, which is not set: set the environment variable DUTO_SECRET_NOPE',
    );
  });

  it('says why a secret cannot be used in Portuguese too, for every place and reason, never with its value', () => {
    const missing = (place: SecretPlace, answer: SecretAnswer): MissingSecretError => {
      try {
        resolveSecrets('${secret:KEY}', () => answer, place);
      } catch (e) {
        if (e instanceof MissingSecretError) return e;
      }
      throw new Error('resolved');
    };
    const problems: SecretProblem[] = [
      { reason: 'env-unset', args: { variable: 'DUTO_SECRET_KEY' } },
      ...(['empty', 'not-url', 'scheme', 'credentials', 'path'] as const).map((p): SecretProblem => ({
        reason: `env-origins-${p}`,
        args: { variable: 'DUTO_SECRET_KEY_ORIGINS', entry: 'x' },
      })),
      { reason: 'app-unset', args: { variable: 'DUTO_SECRET_KEY' } },
      { reason: 'stored-unreadable', args: { detail: 'vault damaged' } },
      { reason: 'stored-keychain', args: {} },
      { reason: 'untrusted', args: {} },
    ];
    const places: SecretPlace[] = [
      { in: 'url' },
      { in: 'query', name: 'api_key' },
      { in: 'header', name: 'Authorization' },
    ];
    for (const place of places)
      for (const problem of problems) {
        const s = missing(place, { problem }).said;
        expect(s && argsFitTemplate(s.key, s.args), `${place.in} ${problem.reason}`).toBe(true);
      }
    const header = missing(
      { in: 'header', name: 'Authorization' },
      { problem: { reason: 'env-unset', args: { variable: 'DUTO_SECRET_KEY' } } },
    );
    const d = header.said && diagnosticOf('error', header.said);
    expect(d?.message).toBe(header.message);
    expect(d && diagnosticText(d, 'pt-BR')).toBe(
      'o cabeçalho Authorization usa o segredo KEY, que não está definido: defina a variável de ambiente DUTO_SECRET_KEY',
    );
    // --notify is the CLI's: English, no template.
    const notify = missing(
      { in: 'notify' },
      { problem: { reason: 'env-unset', args: { variable: 'DUTO_SECRET_KEY' } } },
    );
    expect([notify.said, notify.message]).toEqual([
      undefined,
      '--notify uses the secret KEY, which is not set: set the environment variable DUTO_SECRET_KEY',
    ]);

    const refused = (place: SecretPlace, change: SecretChange, origins: string[]): SecretOriginError => {
      const use: SecretUse = { name: 'KEY', place, origins, change };
      try {
        checkOrigins([use], 'https://evil.example');
      } catch (e) {
        if (e instanceof SecretOriginError) return e;
      }
      throw new Error('allowed');
    };
    for (const place of places)
      for (const change of [{ variable: 'DUTO_SECRET_KEY_ORIGINS' }, { stored: 'KEY' }])
        for (const origins of [[], ['https://api.example.com']]) {
          const s = refused(place, change, origins).said;
          expect(s && argsFitTemplate(s.key, s.args), `${place.in} ${JSON.stringify(change)} ${origins.join()}`).toBe(
            true,
          );
        }
    const e = refused({ in: 'url' }, { stored: 'KEY' }, ['https://api.example.com']);
    const o = e.said && diagnosticOf('error', e.said);
    expect(o?.message).toBe(
      'the URL uses the secret KEY, which may be sent only to https://api.example.com, not to https://evil.example: if that server is meant to get it, add https://evil.example to its origins under Connections → Secrets (KEY: Edit origins)',
    );
    expect(o && diagnosticText(o, 'pt-BR')).toBe(
      'a URL usa o segredo KEY, que só pode ser enviado a https://api.example.com, não a https://evil.example: se esse servidor deve recebê-lo, acrescente https://evil.example às origens dele em Conexões → Segredos (KEY: Editar origens)',
    );
  });
});

describe('record columns', () => {
  it('flattens one level; scalars and arrays become one value column', () => {
    expect(flatten({ a: 1, b: { c: 2, d: { e: 3 } }, f: {} })).toEqual([
      ['a', 1],
      ['b.c', 2],
      ['b.d', { e: 3 }],
      ['f', {}],
    ]);
    expect(flatten(5)).toEqual([['value', 5]]);
  });

  it('infers types, ignores a null that stands for a nested object, and keeps names unique', () => {
    const layout = inferLayout(
      [
        { id: 1, x: 1, m: null, ID: 'dup', mixed: 1 },
        { id: 2, x: 1.5, m: { k: true }, mixed: 'a' },
      ],
      [],
    );
    expect(layout.columns).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'x', type: 'DOUBLE' },
      { name: 'ID_2', type: 'VARCHAR' },
      { name: 'mixed', type: 'VARCHAR' },
      { name: 'm.k', type: 'BOOLEAN' },
    ]);
  });

  it('converts values to their column type, or says they do not fit', () => {
    expect(toColumnValue('2024-03-01T10:00:00+02:00', 'TIMESTAMP')).toEqual(new Date('2024-03-01T08:00:00Z'));
    expect(toColumnValue('2024-03-01 10:00', 'TIMESTAMP')).toEqual(new Date('2024-03-01T10:00:00Z'));
    expect(toColumnValue('2024-03-01', 'DATE')).toEqual(new Date('2024-03-01T00:00:00Z'));
    expect(toColumnValue('12345678901234567', 'BIGINT')).toBe(12345678901234567n);
    expect(toColumnValue(1.5, 'BIGINT')).toBeUndefined();
    expect(toColumnValue('x', 'DOUBLE')).toBeUndefined();
    expect(toColumnValue(3, 'VARCHAR')).toBe('3');
    expect(toColumnValue({ a: [1] }, 'VARCHAR')).toBe('{"a":[1]}');
    expect(toColumnValue(undefined, 'BOOLEAN')).toBeNull();
  });
});
