import { compileDbSink, dbSinkParams } from '../database-sink';
import { defineNode } from '../node-type';
import { p } from '../params';

export const sinkSqlite = defineNode({
  type: 'sink.sqlite',
  version: 1,
  category: 'sink',
  label: 'SQLite table',
  description:
    'Writes rows to a table of a SQLite database file (created if missing): create, replace, append or upsert. The file is replaced atomically.',
  keywords: ['sqlite', 'database', 'table', 'file', 'write', 'upsert'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [],
  params: {
    path: p.path({ label: 'Database file', access: 'write', accepts: 'file', extensions: ['sqlite', 'sqlite3', 'db'] }),
    ...dbSinkParams(),
  },
  compile(ctx) {
    const abs = ctx.resolvePath(ctx.params.path);
    if (ctx.statPath(abs) === 'dir')
      return { issues: [{ param: 'path', message: `${abs} is a folder; give a file name` }] };
    return compileDbSink(ctx, { kind: 'sqlite', path: abs });
  },
});
