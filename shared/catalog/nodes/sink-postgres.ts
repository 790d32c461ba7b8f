import { compileDbSink, dbSinkParams } from '../database-sink';
import { defineNode } from '../node-type';
import { p } from '../params';

export const sinkPostgres = defineNode({
  type: 'sink.postgres',
  version: 1,
  category: 'sink',
  label: 'PostgreSQL table',
  description:
    'Writes rows to a PostgreSQL table through a named connection: create, replace, append or upsert, in one transaction (bulk COPY).',
  keywords: ['postgres', 'postgresql', 'database', 'table', 'write', 'load', 'upsert', 'merge'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [],
  params: {
    connection: p.connection({ label: 'Connection', kinds: ['postgres'] }),
    schema: p.string({ label: 'Schema', placeholder: 'public' }),
    ...dbSinkParams(),
  },
  compile(ctx) {
    return compileDbSink(ctx, { kind: 'postgres', connection: ctx.params.connection });
  },
});
