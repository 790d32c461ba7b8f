import { compileDbSink, dbSinkParams } from '../database-sink';
import { defineNode } from '../node-type';
import { p } from '../params';

export const sinkMysql = defineNode({
  type: 'sink.mysql',
  version: 1,
  category: 'sink',
  label: 'MySQL / MariaDB table',
  description:
    'Writes rows to a MySQL or MariaDB table through a named connection: create, replace, append or upsert, all or nothing (multi-row inserts).',
  keywords: ['mysql', 'mariadb', 'database', 'table', 'write', 'load', 'upsert', 'merge'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [],
  params: {
    connection: p.connection({ label: 'Connection', kinds: ['mysql'] }),
    schema: p.string({ label: 'Database', placeholder: "the connection's database", advanced: true }),
    ...dbSinkParams(),
    allowNonAtomic: p.boolean({
      label: 'Allow a non-transactional table',
      description:
        'Append or upsert even into a MyISAM, MEMORY, ARCHIVE or CSV table, which cannot roll back: a failed run may leave part of its rows there.',
      default: false,
      advanced: true,
      showIf: { param: 'mode', equals: ['append', 'upsert'] },
    }),
  },
  compile(ctx) {
    return compileDbSink(ctx, {
      kind: 'mysql',
      connection: ctx.params.connection,
      allowNonAtomic: ctx.params.allowNonAtomic,
    });
  },
});
