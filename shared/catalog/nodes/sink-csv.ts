import { bool, str } from '../../sql/quote';
import { defineNode } from '../node-type';
import { p } from '../params';
import { sinkMode, sinkTarget } from '../sink-common';

export const sinkCsv = defineNode({
  type: 'sink.csv',
  version: 1,
  category: 'sink',
  label: 'CSV file',
  description: 'Writes a CSV file, e.g. out/report.csv with a header row and commas. Written atomically.',
  keywords: ['csv', 'tsv', 'write', 'save', 'export', 'delimited'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [],
  params: {
    path: p.path({ label: 'Output file', access: 'write', accepts: 'file', extensions: ['csv', 'tsv', 'txt'] }),
    mode: sinkMode(),
    delimiter: p.char({ label: 'Delimiter', default: ',' }),
    header: p.boolean({ label: 'Write a header row', default: true }),
    quote: p.char({ label: 'Quote', default: '"', advanced: true }),
  },
  compile(ctx) {
    const o = ctx.params;
    const options = [
      `FORMAT csv`,
      `DELIMITER ${str(o.delimiter)}`,
      `HEADER ${bool(o.header)}`,
      `QUOTE ${str(o.quote)}`,
      `ESCAPE ${str(o.quote)}`,
    ];
    return sinkTarget(ctx, 'csv', o.path, o.mode, options.join(', '), false);
  },
});
