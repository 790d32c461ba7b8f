import { describe, expect, it } from 'vitest';
import { splitQualified } from './qualified-table';

describe('splitQualified', () => {
  it('splits two plain names when no schema is given', () => {
    expect(splitQualified('', 'sales.orders')).toEqual({ schema: 'sales', table: 'orders' });
    expect(splitQualified('', ' sales.orders ')).toEqual({ schema: 'sales', table: 'orders' });
  });
  it('keeps the table whole when a schema is given, the database has none, or the name is not two plain names', () => {
    expect(splitQualified('public', 'sales.orders')).toEqual({ schema: 'public', table: 'sales.orders' });
    expect(splitQualified(undefined, 'sales.orders')).toEqual({ schema: '', table: 'sales.orders' });
    expect(splitQualified('', 'a.b.c')).toEqual({ schema: '', table: 'a.b.c' });
    expect(splitQualified('', 'my table.x')).toEqual({ schema: '', table: 'my table.x' });
    expect(splitQualified('', 'orders')).toEqual({ schema: '', table: 'orders' });
  });
});
