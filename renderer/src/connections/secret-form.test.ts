import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n';
import {
  checkOrigins,
  displayName,
  holdsTypedValue,
  originsSummary,
  secretNameError,
  secretSource,
} from './secret-form';

const t = translator('en');

describe('secret form rules', () => {
  it('takes the names the contract takes, in any case', () => {
    expect(secretNameError('api_token')).toBeUndefined();
    expect(secretNameError('_X9')).toBeUndefined();
    expect(secretNameError('')).toBe('secrets.error.nameEmpty');
    expect(secretNameError('9lives')).toBe('secrets.error.name');
    expect(secretNameError('a-b')).toBe('secrets.error.name');
    expect(secretNameError('x'.repeat(101))).toBe('secrets.error.name');
    expect(displayName('api_token')).toBe('API_TOKEN');
    expect(displayName('a b')).toBe('NAME');
  });

  it('says a stored value wins over the environment', () => {
    expect(secretSource({ name: 'A', stored: true, environment: null, origins: [] }, t)).toBe('Stored');
    expect(secretSource({ name: 'A', stored: true, environment: 'DUTO_SECRET_A', origins: [] }, t)).toBe(
      'Stored (used instead of DUTO_SECRET_A)',
    );
    expect(secretSource({ name: 'A', stored: false, environment: 'DUTO_SECRET_A', origins: null }, t)).toBe(
      'From DUTO_SECRET_A',
    );
  });

  it('counts only open forms as holding a typed value', () => {
    expect(holdsTypedValue({ kind: 'add' })).toBe(true);
    expect(holdsTypedValue({ kind: 'replace', name: 'A' })).toBe(true);
    expect(holdsTypedValue({ kind: 'origins', name: 'A' })).toBe(true);
    expect(holdsTypedValue({ kind: 'confirm-delete', name: 'A' })).toBe(false);
    expect(holdsTypedValue({ kind: 'idle' })).toBe(false);
  });

  it('checks typed origins as the host will, naming the first bad one', () => {
    expect(checkOrigins('HTTPS://Api.Example.com, http://localhost:8080/')).toEqual({
      ok: true,
      origins: ['https://api.example.com', 'http://localhost:8080'],
    });
    expect(checkOrigins('  ')).toEqual({ ok: false, key: 'secrets.error.originsEmpty', entry: '' });
    expect(checkOrigins('https://a.example, https://b.example/v1')).toEqual({
      ok: false,
      key: 'secrets.error.origin.path',
      entry: 'https://b.example/v1',
    });
    expect(checkOrigins('b.example')).toMatchObject({ key: 'secrets.error.origin.not-url' });
    expect(checkOrigins('ftp://b.example')).toMatchObject({ key: 'secrets.error.origin.scheme' });
    expect(checkOrigins('https://u:p@b.example')).toMatchObject({ key: 'secrets.error.origin.credentials' });
  });

  it('says where each value may be sent', () => {
    expect(
      originsSummary(
        { name: 'A', stored: true, environment: null, origins: ['https://a.example', 'https://b.example'] },
        t,
      ),
    ).toBe('Sent only to https://a.example, https://b.example');
    expect(originsSummary({ name: 'A', stored: true, environment: null, origins: [] }, t)).toBe(
      'Sent nowhere yet: it was stored before secrets had origins. Edit its origins to use it.',
    );
    expect(originsSummary({ name: 'A', stored: false, environment: 'DUTO_SECRET_A', origins: null }, t)).toBe(
      'Sent to any server (DUTO_SECRET_A_ORIGINS is not set)',
    );
    expect(translator('pt-BR')('secrets.origins.list', { origins: 'https://a.example' })).toBe(
      'Enviado somente para https://a.example',
    );
  });
});
