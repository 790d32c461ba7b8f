import { defineNode } from '../node-type';
import { p } from '../params';

export const sinkDelta = defineNode({
  type: 'sink.delta',
  version: 1,
  category: 'sink',
  label: 'Delta table',
  description:
    'Writes rows to a Delta Lake table (a folder with a _delta_log), e.g. lake/orders: creates it, appends a version or overwrites it. Each write is one atomic commit; past versions stay readable (time travel).',
  keywords: ['delta', 'lake', 'lakehouse', 'table', 'write', 'append', 'version', 'parquet'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [],
  params: {
    path: p.path({ label: 'Table folder', access: 'write', accepts: 'dir', extensions: [] }),
    mode: p.enum({
      label: 'Write',
      values: ['append', 'overwrite', 'create'],
      labels: {
        append: 'Append a version (creates the table if missing)',
        overwrite: 'Overwrite: a new version with only these rows',
        create: 'Create: fail if the table exists',
      },
      default: 'append',
      description: "Appending or overwriting keeps the table's columns: rows with other columns or types are refused.",
    }),
  },
  compile(ctx) {
    const path = ctx.resolvePath(ctx.params.path);
    if (ctx.statPath(path) === 'file' || ctx.statPath(path) === 'other')
      return { issues: [{ param: 'path', message: `${path} is not a folder: a Delta table is a folder` }] };
    return { deltaSink: { path, mode: ctx.params.mode, input: ctx.inputs.in[0].sql } };
  },
});
