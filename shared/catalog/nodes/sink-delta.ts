import { defineNode } from '../node-type';
import { p } from '../params';

export const sinkDelta = defineNode({
  type: 'sink.delta',
  version: 1,
  category: 'sink',
  label: 'Delta table',
  description:
    'Writes rows to a Delta Lake table (a folder with a _delta_log), e.g. lake/orders: creates it, appends a version, overwrites it or merges rows on key columns. Each write is one atomic commit; past versions stay readable (time travel).',
  keywords: [
    'delta',
    'lake',
    'lakehouse',
    'table',
    'write',
    'append',
    'version',
    'parquet',
    'merge',
    'upsert',
    'partition',
  ],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [],
  params: {
    path: p.path({ label: 'Table folder', access: 'write', accepts: 'dir', extensions: [] }),
    mode: p.enum({
      label: 'Write',
      values: ['append', 'overwrite', 'create', 'merge'],
      labels: {
        append: 'Append a version (creates the table if missing)',
        overwrite: 'Overwrite: a new version with only these rows',
        create: 'Create: fail if the table exists',
        merge: 'Merge on key columns: replace matching rows, insert the others',
      },
      default: 'append',
      description:
        "Appending, overwriting or merging keeps the table's columns: rows with other columns or types are refused (unless Add new columns is on).",
    }),
    keys: p.columns({
      label: 'Key columns',
      description:
        'A row whose key matches a row of the table replaces it; the others are inserted. Each key may come once in the rows.',
      showIf: { param: 'mode', equals: ['merge'] },
    }),
    addColumns: p.boolean({
      label: 'Add new columns',
      default: false,
      description:
        "Columns of the rows the table lacks are added to it (empty in its older rows); the table's own columns and types still must match.",
    }),
    partitionBy: p.columns({
      label: 'Partition by columns',
      description:
        'When the write creates the table: one folder per value (Hive layout, col=value/). An existing table keeps its own partition columns.',
      advanced: true,
    }),
  },
  compile(ctx) {
    const o = ctx.params;
    const path = ctx.resolvePath(o.path);
    if (ctx.statPath(path) === 'file' || ctx.statPath(path) === 'other')
      return { issues: [{ param: 'path', message: `${path} is not a folder: a Delta table is a folder` }] };
    if (o.mode === 'merge' && o.keys.length === 0)
      return { issues: [{ param: 'keys', message: 'a merge needs the key columns that identify a row' }] };
    const columns = ctx.inputs.in[0].schema;
    if (columns !== undefined && o.partitionBy.length > 0 && o.partitionBy.length >= columns.length)
      return {
        issues: [{ param: 'partitionBy', message: 'a table needs at least one column that is not a partition column' }],
      };
    return {
      deltaSink: {
        path,
        mode: o.mode,
        keys: o.mode === 'merge' ? o.keys : [],
        partitionBy: o.partitionBy,
        addColumns: o.addColumns,
        input: ctx.inputs.in[0].sql,
      },
    };
  },
});
