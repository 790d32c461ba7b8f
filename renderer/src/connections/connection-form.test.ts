import { describe, expect, it } from 'vitest';
import type { ConnectionEntry } from '../../../shared/ipc/connection-ops';
import { definitionOf, emptyForm, formOf, passwordChangeOf } from './connection-form';

describe('connection form values', () => {
  it('leave blank fields out, and read back what they were made from', () => {
    const entry: ConnectionEntry = {
      name: 'warehouse',
      definition: {
        kind: 'postgres',
        host: 'db',
        port: 6432,
        database: 'sales',
        user: 'etl',
        description: 'the warehouse',
        options: { ssl: 'verify', connectTimeoutSeconds: 2.5, applicationName: 'nightly' },
      },
      hasPassword: true,
      environment: [],
    };
    expect(definitionOf(formOf(entry))).toEqual({ ok: true, definition: entry.definition });
    expect(definitionOf({ ...emptyForm(), name: 'shop', kind: 'mysql', host: ' ' })).toEqual({
      ok: true,
      definition: { kind: 'mysql' },
    });
  });

  it('name the fields that are wrong', () => {
    expect(definitionOf({ ...emptyForm(), name: '9lives', port: '0', connectTimeoutSeconds: '601' })).toEqual({
      ok: false,
      errors: {
        name: 'connections.error.name',
        port: 'connections.error.port',
        connectTimeoutSeconds: 'connections.error.timeout',
      },
    });
  });

  it('turn the password field into set, keep or clear', () => {
    expect(passwordChangeOf({ ...emptyForm(), password: 'x' })).toEqual({ action: 'set', value: 'x' });
    expect(passwordChangeOf(emptyForm())).toEqual({ action: 'keep' });
    expect(passwordChangeOf({ ...emptyForm(), clearPassword: true })).toEqual({ action: 'clear' });
  });
});
