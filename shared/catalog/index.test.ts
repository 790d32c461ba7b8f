import { describe, expect, it } from 'vitest';
import { catalog, nodeTypes } from './index';
import { paramMeta } from './params';

describe('the catalog', () => {
  it('lists sources, then transforms, then sinks, each type once', () => {
    const order = nodeTypes.map((t) => ['source', 'transform', 'quality', 'sink'].indexOf(t.category));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(catalog.size).toBe(nodeTypes.length);
  });

  it.each(nodeTypes.map((t) => [t.type, t] as const))(
    '%s has a label, a description with an example, and described camelCase params',
    (_, t) => {
      expect(t.label).not.toBe('');
      expect(t.description).toMatch(/^[A-Z].{20,}[.)]$/);
      expect(t.description).toMatch(/e\.g\.|such as|,/);
      for (const [name, schema] of Object.entries(t.params)) {
        expect(name).toMatch(/^[a-z][A-Za-z0-9]*$/);
        expect(paramMeta(schema)?.label, `${t.type}.${name}`).toBeTruthy();
      }
    },
  );
});

describe('param messages', () => {
  it('a missing expression or query says what is required, not "Invalid input"', () => {
    expect(catalog.get('transform.filter')?.parseParams({})).toEqual({
      ok: false,
      issues: [{ param: 'condition', message: 'an expression is required' }],
    });
    expect(catalog.get('transform.filter')?.parseParams({ condition: 3 })).toEqual({
      ok: false,
      issues: [{ param: 'condition', message: 'expected text, or an array of lines' }],
    });
    expect(catalog.get('transform.sql')?.parseParams({})).toMatchObject({
      ok: false,
      issues: [{ param: 'query', message: 'a query is required' }],
    });
    // A value of the wrong type is there: it is said as such, never as missing.
    expect(catalog.get('source.csv')?.parseParams({ path: 5 })).toMatchObject({
      ok: false,
      issues: [{ param: 'path', message: 'expected string, received number' }],
    });
    expect(catalog.get('transform.limit')?.parseParams({ count: 'many' })).toMatchObject({
      ok: false,
      issues: [{ param: 'count', message: 'expected number, received string' }],
    });
  });
});
