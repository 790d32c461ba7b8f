import { bool } from '../../sql/quote';
import { defineNode } from '../node-type';
import { p } from '../params';
import { sinkMode, sinkTarget } from '../sink-common';

export const sinkJson = defineNode({
  type: 'sink.json',
  version: 1,
  category: 'sink',
  label: 'JSON file',
  description:
    'Writes a JSON array of objects or one object per line (NDJSON), e.g. out/orders.ndjson. Written atomically.',
  keywords: ['json', 'ndjson', 'jsonl', 'write', 'save', 'export'],
  inputs: [{ name: 'in', label: 'Rows' }],
  outputs: [],
  params: {
    path: p.path({ label: 'Output file', access: 'write', accepts: 'file', extensions: ['json', 'ndjson', 'jsonl'] }),
    mode: sinkMode(),
    format: p.enum({
      label: 'Layout',
      values: ['newline_delimited', 'array'],
      labels: { newline_delimited: 'One object per line', array: 'One array of objects' },
      default: 'newline_delimited',
    }),
  },
  compile(ctx) {
    const o = ctx.params;
    return sinkTarget(ctx, 'json', o.path, o.mode, `FORMAT json, ARRAY ${bool(o.format === 'array')}`, false);
  },
});
