import { compileDbSink, dbSinkParams } from '../database-sink';
import { defineNode } from '../node-type';
import { p } from '../params';

/** ClickHouse has no unique keys to upsert on: create, replace or append. */
const MODES = ['create', 'replace', 'append'] as const;

export const sinkClickhouse = defineNode({
  type: 'sink.clickhouse',
  version: 1,
  category: 'sink',
  label: 'ClickHouse table',
  description:
    'Writes rows to a ClickHouse table through a named connection: create, replace or append. Rows are loaded into a staging table first, so a failed load leaves the target untouched.',
  keywords: ['clickhouse', 'olap', 'distributed', 'database', 'table', 'write', 'load'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [],
  params: {
    connection: p.connection({ label: 'Connection', kinds: ['clickhouse'] }),
    schema: p.string({ label: 'Database', placeholder: "the connection's database", advanced: true }),
    ...dbSinkParams(),
    mode: p.enum({
      label: 'Write mode',
      values: MODES,
      labels: {
        create: 'Create the table (fail if it exists)',
        replace: 'Replace the table',
        append: 'Append rows (create the table if missing)',
      },
      default: 'replace',
    }),
  },
  compile(ctx) {
    return compileDbSink(ctx, { kind: 'clickhouse', connection: ctx.params.connection });
  },
});
