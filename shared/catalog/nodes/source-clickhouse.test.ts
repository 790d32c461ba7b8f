import { describe, expect, it } from 'vitest';
import { compileErrors, docOf, planOf } from '../../../test/compile-kit';

/* Compiles to the spec the ClickHouse connector reads (electron/engine/connectors/clickhouse/ reads a real cluster). */

describe('source.clickhouse', () => {
  it('a database-qualified table splits into database and table', () => {
    const plan = planOf(
      docOf({ id: 'a', type: 'source.clickhouse', params: { connection: 'events', table: 'logs.hits' } }),
    );
    expect(plan.steps[0]?.externalSource).toMatchObject({
      kind: 'clickhouse',
      config: { read: { mode: 'table', schema: 'logs', table: 'hits' } },
      describe: 'events: logs.hits',
      connection: { name: 'events', param: 'connection' },
    });
  });

  it('reports a missing table by param', () => {
    expect(compileErrors(docOf({ id: 'a', type: 'source.clickhouse', params: { connection: 'events' } }))).toEqual([
      'a.table: name the table to read',
    ]);
  });
});
