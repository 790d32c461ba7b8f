import { describe, expect, it } from 'vitest';
import { compileErrors, docOf, planOf } from '../../../test/compile-kit';

/* Compiles to the spec the ClickHouse connector writes (electron/engine/connectors/clickhouse/ writes to a real cluster). */

describe('sink.clickhouse', () => {
  const src = { id: 'src', type: 'source.postgres', params: { connection: 'warehouse', table: 'orders' } };

  it('compiles to an external sink writing its input', () => {
    const plan = planOf(
      docOf(src, {
        id: 'out',
        type: 'sink.clickhouse',
        inputs: { in: 'src' },
        params: { connection: 'events', table: 'orders', mode: 'append' },
      }),
    );
    expect(plan.steps[1]?.externalSink).toMatchObject({
      kind: 'clickhouse',
      describe: 'events: orders',
      config: { mode: 'append', keyColumns: [] },
    });
  });

  it('has no upsert mode: ClickHouse has no unique keys', () => {
    const errors = compileErrors(
      docOf(src, {
        id: 'out',
        type: 'sink.clickhouse',
        inputs: { in: 'src' },
        params: { connection: 'events', table: 'orders', mode: 'upsert' },
      }),
    );
    expect(errors.join(' ')).toContain('out.mode');
  });
});
