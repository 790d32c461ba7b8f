import { namedArgs, str } from '../../sql/quote';
import { fileInput } from '../file-input';
import { defineNode } from '../node-type';
import { p } from '../params';

export const sourceParquet = defineNode({
  type: 'source.parquet',
  version: 1,
  category: 'source',
  label: 'Parquet file',
  description:
    'Reads a Parquet file, a glob such as lake/**/*.parquet, or every Parquet file in a folder (columns matched by name).',
  keywords: ['parquet', 'lake', 'columnar', 'file', 'read'],
  inputs: [],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    path: p.path({ label: 'File, glob or folder', access: 'read', accepts: 'file-or-glob', extensions: ['parquet'] }),
    recursive: p.boolean({ label: 'Include subfolders', default: false, advanced: true }),
    hivePartitioning: p.boolean({
      label: 'Read folder names as columns',
      default: false,
      advanced: true,
      description: 'country=BR/part.parquet adds a column country.',
    }),
    filenameColumn: p.string({
      label: 'Add the file name as column',
      default: '',
      advanced: true,
      placeholder: 'e.g. source_file',
    }),
  },
  compile(ctx) {
    const o = ctx.params;
    const input = fileInput(ctx, o.path, ['parquet'], o.recursive || o.hivePartitioning);
    const args: Array<readonly [string, string]> = [
      ...(input.many ? [['union_by_name', 'true'] as const] : []),
      ['hive_partitioning', o.hivePartitioning ? 'true' : 'false'],
    ];
    if (o.filenameColumn !== '') args.push(['filename', str(o.filenameColumn)]);
    return {
      sql: `SELECT * FROM read_parquet(${input.sql}, ${namedArgs(args)})`,
      reads: input.reads,
      issues: input.issues,
    };
  },
});
