import { ident, namedArgs, str, typeName } from '../../sql/quote';
import { fileInput } from '../file-input';
import { defineNode, type NodeIssue } from '../node-type';
import { p } from '../params';

/**
 * JSON source: one array of objects, or one object per line (NDJSON).
 * DuckDB accepts a truncated array without error and crashes on very deep
 * nesting, so every file is checked by the engine (`json-valid`) before it is read.
 */
export const sourceJson = defineNode({
  type: 'source.json',
  version: 1,
  category: 'source',
  label: 'JSON file',
  description:
    'Reads a JSON array of objects or newline-delimited JSON from a file, a glob such as logs/*.ndjson, or a folder.',
  keywords: ['json', 'ndjson', 'jsonl', 'file', 'read'],
  inputs: [],
  outputs: [{ name: 'out', label: 'Rows' }],
  params: {
    path: p.path({
      label: 'File, glob or folder',
      access: 'read',
      accepts: 'file-or-glob',
      extensions: ['json', 'ndjson', 'jsonl'],
    }),
    format: p.enum({
      label: 'Layout',
      values: ['auto', 'array', 'newline_delimited'],
      labels: { auto: 'Detect', array: 'One array of objects', newline_delimited: 'One object per line' },
      default: 'auto',
    }),
    columnTypes: p.list({
      label: 'Column types',
      itemLabel: 'column type',
      description: 'Cast some columns to a type after reading.',
      fields: { column: p.requiredString({ label: 'Column' }), type: p.type({ label: 'Type' }) },
    }),
    recursive: p.boolean({ label: 'Include subfolders', default: false, advanced: true }),
    hivePartitioning: p.boolean({
      label: 'Read key=value folders as columns',
      default: false,
      advanced: true,
      description: 'For partitioned data (country=BR/…). Off, a name like a=b.csv is just a name.',
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
    // One pattern for a folder: DuckDB fails on a list of patterns when one matches nothing.
    const input = fileInput(ctx, o.path, ['*json*'], o.recursive);
    const args: Array<readonly [string, string]> = [
      ['format', str(o.format)],
      ...(input.many ? [['union_by_name', 'true'] as const] : []),
      ['hive_partitioning', o.hivePartitioning ? 'true' : 'false'],
    ];
    if (o.filenameColumn !== '') args.push(['filename', str(o.filenameColumn)]);
    const issues: NodeIssue[] = [...input.issues];
    const casts: string[] = [];
    o.columnTypes.forEach((ct, i) => {
      try {
        casts.push(`CAST(${ident(ct.column)} AS ${typeName(ct.type)}) AS ${ident(ct.column)}`);
      } catch {
        issues.push({ param: `columnTypes[${i}].type`, message: `unsupported type "${ct.type}"` });
      }
    });
    const replace = casts.length > 0 ? ` REPLACE (${casts.join(', ')})` : '';
    return {
      sql: `SELECT *${replace} FROM read_json(${input.sql}, ${namedArgs(args)})`,
      reads: input.reads,
      checks: [
        {
          kind: 'json-valid',
          pattern: input.pattern,
          format: o.format,
          param: 'path',
          pathsMatter: o.filenameColumn !== '' || o.hivePartitioning,
        },
      ],
      issues,
    };
  },
});
