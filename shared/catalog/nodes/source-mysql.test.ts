import { describe, expect, it } from 'vitest';
import { compileErrors, docOf, planOf } from '../../../test/compile-kit';

/* Compiles to the spec the MySQL connector reads (electron/engine/connectors/mysql/ reads a real server). */

describe('source.mysql', () => {
  it('a query read trims the trailing semicolon and says what it reads', () => {
    const plan = planOf(
      docOf({
        id: 'a',
        type: 'source.mysql',
        params: { connection: 'shop', mode: 'query', query: 'SELECT id FROM orders;' },
      }),
    );
    expect(plan.steps[0]?.externalSource).toMatchObject({
      kind: 'mysql',
      config: { read: { mode: 'query', query: 'SELECT id FROM orders' } },
      param: 'query',
      describe: 'shop: query',
    });
  });

  it('reports what is missing, by param', () => {
    expect(compileErrors(docOf({ id: 'a', type: 'source.mysql', params: { connection: 'shop' } }))).toEqual([
      'a.table: name the table to read',
    ]);
    expect(
      compileErrors(docOf({ id: 'a', type: 'source.mysql', params: { connection: 'shop', mode: 'query' } })),
    ).toEqual(['a.query: a query is required']);
    expect(
      compileErrors(
        docOf({ id: 'a', type: 'source.mysql', params: { connection: 'shop', table: 't', incremental: 'timestamp' } }),
      ),
    ).toEqual(['a.incrementalColumn: name the column whose highest value is remembered between runs']);
  });
});
