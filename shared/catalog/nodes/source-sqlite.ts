import { compileDbSource, dbReadParams } from '../database-source';
import { unreadable } from '../file-input';
import { defineNode } from '../node-type';
import { p } from '../params';

export const sourceSqlite = defineNode({
  type: 'source.sqlite',
  version: 1,
  category: 'source',
  label: 'SQLite database',
  description: 'Reads a table or a query from a SQLite database file, e.g. data/shop.sqlite: customers.',
  keywords: ['sqlite', 'database', 'sql', 'table', 'file', 'read', 'incremental'],
  inputs: [],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    path: p.path({ label: 'Database file', access: 'read', accepts: 'file', extensions: ['sqlite', 'sqlite3', 'db'] }),
    ...dbReadParams(),
  },
  compile(ctx) {
    const abs = ctx.resolvePath(ctx.params.path);
    const problem = unreadable(ctx.statPath(abs), abs);
    if (problem !== null) return { issues: [{ param: 'path', message: problem }] };
    return compileDbSource(ctx, { kind: 'sqlite', path: abs });
  },
});
