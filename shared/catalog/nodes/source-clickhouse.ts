import { compileDbSource, dbReadParams } from '../database-source';
import { defineNode } from '../node-type';
import { p } from '../params';

export const sourceClickhouse = defineNode({
  type: 'source.clickhouse',
  version: 1,
  category: 'source',
  label: 'ClickHouse',
  description:
    'Reads a ClickHouse table (a Distributed one reads every shard; some columns, filtered in the database) or a query, through a named connection, e.g. events: logs.hits.',
  keywords: [
    'clickhouse',
    'olap',
    'distributed',
    'shard',
    'cluster',
    'database',
    'sql',
    'table',
    'read',
    'incremental',
  ],
  inputs: [],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    connection: p.connection({ label: 'Connection', kinds: ['clickhouse'] }),
    schema: p.string({
      label: 'Database',
      placeholder: "the connection's database",
      showIf: { param: 'mode', equals: ['table'] },
      advanced: true,
    }),
    ...dbReadParams(),
  },
  compile(ctx) {
    return compileDbSource(ctx, { kind: 'clickhouse', connection: ctx.params.connection });
  },
});
