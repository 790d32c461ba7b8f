import { identList, str } from '../sql/quote';
import { defineNode } from './node-type';
import { p } from './params';
import { sinkMode, sinkTarget } from './sink-common';

export const sinkParquet = defineNode({
  type: 'sink.parquet',
  version: 1,
  category: 'sink',
  label: 'Parquet file',
  description: 'Writes a Parquet file, or a folder of files partitioned by columns (Hive layout: country=BR/...). Written atomically.',
  keywords: ['parquet', 'write', 'save', 'export', 'lake', 'partition'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [],
  params: {
    path: p.path({ label: 'Output file or folder', access: 'write', accepts: 'file', extensions: ['parquet'] }),
    mode: sinkMode(),
    compression: p.enum({ label: 'Compression', values: ['zstd', 'snappy', 'gzip', 'uncompressed'], default: 'zstd', advanced: true }),
    partitionBy: p.columns({ label: 'Partition by columns', description: 'Writes a folder with one subfolder per value (Hive layout).', advanced: true }),
  },
  compile(ctx) {
    const o = ctx.params;
    const options = [`FORMAT parquet`, `COMPRESSION ${str(o.compression)}`];
    if (o.partitionBy.length > 0) options.push(`PARTITION_BY (${identList(o.partitionBy)})`);
    return sinkTarget(ctx, 'parquet', o.path, o.mode, options.join(', '), o.partitionBy.length > 0);
  },
});
