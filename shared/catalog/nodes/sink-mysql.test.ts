import { describe, expect, it } from 'vitest';
import { docOf, planOf } from '../../../test/compile-kit';

/* Compiles to the spec the MySQL connector writes (electron/engine/connectors/mysql/ writes to a real server). */

describe('sink.mysql', () => {
  it('compiles to an external sink writing its input', () => {
    const plan = planOf(
      docOf(
        { id: 'src', type: 'source.postgres', params: { connection: 'warehouse', table: 'orders' } },
        {
          id: 'out',
          type: 'sink.mysql',
          inputs: { in: 'src' },
          params: { connection: 'shop', table: 'orders', mode: 'append' },
        },
      ),
    );
    expect(plan.steps[1]?.externalSink).toMatchObject({
      kind: 'mysql',
      input: '"src"',
      describe: 'shop: orders',
      connection: { name: 'shop', param: 'connection' },
      config: { mode: 'append', keyColumns: [] },
    });
  });
});
