import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n';
import { displayName, holdsTypedValue, secretNameError, secretSource } from './secret-form';

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
    expect(secretSource({ name: 'A', stored: true, environment: null }, t)).toBe('Stored');
    expect(secretSource({ name: 'A', stored: true, environment: 'DUTO_SECRET_A' }, t)).toBe('Stored (used instead of DUTO_SECRET_A)');
    expect(secretSource({ name: 'A', stored: false, environment: 'DUTO_SECRET_A' }, t)).toBe('From DUTO_SECRET_A');
  });

  it('counts only open forms as holding a typed value', () => {
    expect(holdsTypedValue({ kind: 'add' })).toBe(true);
    expect(holdsTypedValue({ kind: 'replace', name: 'A' })).toBe(true);
    expect(holdsTypedValue({ kind: 'confirm-delete', name: 'A' })).toBe(false);
    expect(holdsTypedValue({ kind: 'idle' })).toBe(false);
  });
});
