import { compileDbSource, dbReadParams } from '../database-source';
import { defineNode } from '../node-type';
import { p } from '../params';

export const sourceMysql = defineNode({
  type: 'source.mysql',
  version: 1,
  category: 'source',
  label: 'MySQL / MariaDB',
  description:
    'Reads a MySQL or MariaDB table (some columns, filtered in the database) or a query, through a named connection, e.g. shop: orders.',
  keywords: ['mysql', 'mariadb', 'database', 'sql', 'table', 'read', 'incremental'],
  inputs: [],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    connection: p.connection({ label: 'Connection', kinds: ['mysql'] }),
    schema: p.string({
      label: 'Database',
      placeholder: "the connection's database",
      showIf: { param: 'mode', equals: ['table'] },
      advanced: true,
    }),
    ...dbReadParams(),
  },
  compile(ctx) {
    return compileDbSource(ctx, { kind: 'mysql', connection: ctx.params.connection });
  },
});
