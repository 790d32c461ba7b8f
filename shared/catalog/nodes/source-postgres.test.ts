import { describe, expect, it } from 'vitest';
import { compileErrors, docOf, planOf } from '../../../test/compile-kit';

/* The database nodes compile to external specs a connector reads or writes; nothing here touches a database. */

describe('source.postgres', () => {
  it('a table read compiles to an external source and a view over its table', () => {
    const plan = planOf(
      docOf({
        id: 'orders',
        type: 'source.postgres',
        params: {
          connection: 'warehouse',
          schema: 'public',
          table: 'orders',
          columns: ['id'],
          filters: [{ column: 'id', op: '>', value: '5' }],
          incremental: 'id',
          incrementalColumn: 'id',
        },
      }),
    );
    const step = plan.steps[0];
    expect(step?.view?.sql).toBe('SELECT * FROM "duto_ext"."main"."orders"');
    expect(step?.externalSource).toEqual({
      kind: 'postgres',
      config: {
        read: {
          mode: 'table',
          schema: 'public',
          table: 'orders',
          columns: ['id'],
          filters: [{ column: 'id', op: '>', value: '5' }],
          where: '',
        },
        path: '',
      },
      connection: { name: 'warehouse', param: 'connection' },
      incremental: { column: 'id', kind: 'id', param: 'incrementalColumn' },
      param: 'table',
      describe: 'warehouse: public.orders',
    });
  });

  it('names a connection, never a URL or a password', () => {
    expect(
      compileErrors(docOf({ id: 'a', type: 'source.postgres', params: { connection: 'Warehouse DB', table: 't' } })),
    ).toEqual([
      'a.connection: expected the name of a connection (lowercase letters, digits and _), never a URL or a password',
    ]);
  });
});
