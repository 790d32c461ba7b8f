import { describe, expect, it } from 'vitest';
import { functionCatalog } from './function-catalog';

describe('the function catalog', () => {
  it('lists DuckDB functions with their kinds, signatures and docs', async () => {
    const fns = await functionCatalog();
    const kindsOf = (name: string) => new Set(fns.filter((f) => f.name === name).map((f) => f.kind));
    expect(kindsOf('upper')).toEqual(new Set(['scalar']));
    expect(kindsOf('sum')).toEqual(new Set(['aggregate']));
    expect(kindsOf('row_number')).toEqual(new Set(['window']));
    const upper = fns.find((f) => f.name === 'upper');
    expect(upper?.params).toEqual([{ name: 'string', type: 'VARCHAR' }]);
    expect(upper?.returns).toBe('VARCHAR');
    expect(upper?.description).toMatch(/upper case/i);
    expect(
      fns
        .filter((f) => f.name === 'substr')
        .map((f) => f.params.length)
        .sort(),
    ).toEqual([2, 3]);
    expect(fns.find((f) => f.name === 'concat')?.varargs).toBe('ANY');
    expect(fns.some((f) => f.kind === 'macro')).toBe(true);
  });

  it('has one entry per overload and no operators or internals', async () => {
    const fns = await functionCatalog();
    const keys = fns.map((f) => JSON.stringify([f.name, f.kind, f.params, f.varargs, f.returns]));
    expect(new Set(keys).size).toBe(keys.length);
    expect(fns.every((f) => /^[a-z][a-z0-9_]*$/.test(f.name))).toBe(true);
    expect(fns.length).toBeGreaterThan(500);
  });

  it('is read once and kept', async () => {
    expect(functionCatalog()).toBe(functionCatalog());
    expect(await functionCatalog()).toBe(await functionCatalog());
  });
});
