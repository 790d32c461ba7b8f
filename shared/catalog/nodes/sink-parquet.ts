import { ident, identList, str } from '../../sql/quote';
import { defineNode, type NodeIssue } from '../node-type';
import { p } from '../params';
import { sinkMode, sinkTarget } from '../sink-common';

/**
 * Parquet has no 128-bit integers: DuckDB would write HUGEINT (what `sum` of
 * big integers gives) as DOUBLE, which rounds. They are written as
 * DECIMAL(38,0) instead — exact — and the node says so.
 */
function faithfulForParquet(input: { sql: string; schema: readonly { name: string; type: string }[] | undefined }): {
  sql: string;
  issues: NodeIssue[];
} {
  const wide = (input.schema ?? []).filter((c) => /^U?HUGEINT$/i.test(c.type));
  if (wide.length === 0) return { sql: input.sql, issues: [] };
  const casts = wide.map((c) => `CAST(${ident(c.name)} AS DECIMAL(38,0)) AS ${ident(c.name)}`).join(', ');
  return {
    sql: `(SELECT * REPLACE (${casts}) FROM ${input.sql})`,
    issues: wide.map((c) => ({
      severity: 'warning',
      message: `column "${c.name}" is ${c.type} (128-bit), which Parquet cannot hold: it is written as DECIMAL(38,0), exactly`,
    })),
  };
}

export const sinkParquet = defineNode({
  type: 'sink.parquet',
  version: 1,
  category: 'sink',
  label: 'Parquet file',
  description:
    'Writes a Parquet file, or a folder of files partitioned by columns (Hive layout: country=BR/...). Written atomically.',
  keywords: ['parquet', 'write', 'save', 'export', 'lake', 'partition'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [],
  params: {
    path: p.path({ label: 'Output file or folder', access: 'write', accepts: 'file', extensions: ['parquet'] }),
    mode: sinkMode(),
    compression: p.enum({
      label: 'Compression',
      values: ['zstd', 'snappy', 'gzip', 'uncompressed'],
      default: 'zstd',
      advanced: true,
    }),
    partitionBy: p.columns({
      label: 'Partition by columns',
      description: 'Writes a folder with one subfolder per value (Hive layout).',
      advanced: true,
    }),
  },
  compile(ctx) {
    const o = ctx.params;
    const options = [`FORMAT parquet`, `COMPRESSION ${str(o.compression)}`];
    if (o.partitionBy.length > 0) options.push(`PARTITION_BY (${identList(o.partitionBy)})`);
    return sinkTarget(ctx, 'parquet', o.path, o.mode, options.join(', '), o.partitionBy.length > 0, faithfulForParquet);
  },
});
