import { compileDbSource, dbReadParams } from '../database-source';
import { defineNode } from '../node-type';
import { p } from '../params';

export const sourcePostgres = defineNode({
  type: 'source.postgres',
  version: 1,
  category: 'source',
  label: 'PostgreSQL',
  description:
    'Reads a PostgreSQL table (some columns, filtered in the database) or a query, through a named connection, e.g. warehouse: public.orders.',
  keywords: ['postgres', 'postgresql', 'database', 'sql', 'table', 'read', 'incremental'],
  inputs: [],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    connection: p.connection({ label: 'Connection', kinds: ['postgres'] }),
    schema: p.string({ label: 'Schema', placeholder: 'public', showIf: { param: 'mode', equals: ['table'] } }),
    ...dbReadParams(),
  },
  compile(ctx) {
    return compileDbSource(ctx, { kind: 'postgres', connection: ctx.params.connection });
  },
});
