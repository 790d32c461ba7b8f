import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from './document';
import { parseDocument, parseDocumentText } from './parse';
import { serializeDocument } from './serialize';
import { savedChartWarnings } from '../charts/saved-chart-check';
import { chartSpecOf } from '../charts/chart-spec';

const doc: PipelineDocument = {
  format: 'duto.pipeline',
  version: 2,
  nodes: [
    {
      id: 'orders',
      type: 'source.csv',
      params: { path: 'orders.csv' },
      charts: [
        { title: 'Orders per status', type: 'bar', x: 'status', y: 'amount', aggregate: 'sum' },
        { type: 'histogram', x: 'amount' },
      ],
    },
  ],
  layout: { orders: { x: 0, y: 0 } },
};

describe('charts saved in the pipeline document', () => {
  it('round-trips byte for byte, after params and apart from layout, without absent fields', () => {
    const text = serializeDocument(doc);
    const again = parseDocumentText(text);
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.document.nodes[0]?.charts).toEqual(doc.nodes[0]?.charts);
    expect(serializeDocument(again.document)).toBe(text);
    expect(text).toContain(
      [
        '      "params": {',
        '        "path": "orders.csv"',
        '      },',
        '      "charts": [',
        '        {',
        '          "aggregate": "sum",',
        '          "title": "Orders per status",',
        '          "type": "bar",',
        '          "x": "status",',
        '          "y": "amount"',
        '        },',
        '        {',
        '          "type": "histogram",',
        '          "x": "amount"',
        '        }',
        '      ]',
      ].join('\n'),
    );
    expect(text.indexOf('"charts"')).toBeLessThan(text.indexOf('"layout"'));
  });

  it('changing a chart changes only its line', () => {
    const node = doc.nodes[0];
    if (node?.charts === undefined) throw new Error('fixture');
    const changed: PipelineDocument = {
      ...doc,
      nodes: [{ ...node, charts: [{ ...node.charts[0], type: 'line', x: 'status' }, ...node.charts.slice(1)] }],
    };
    const before = serializeDocument(doc).split('\n');
    const after = serializeDocument(changed).split('\n');
    expect(after.length).toBe(before.length);
    expect(after.filter((l, i) => l !== before[i])).toEqual(['          "type": "line",']);
  });

  it('a node without charts writes no charts key', () => {
    expect(
      serializeDocument({
        ...doc,
        nodes: [{ id: 'a', type: 'source.csv', params: { path: 'x.csv' } }],
        layout: { a: { x: 0, y: 0 } },
      }),
    ).not.toContain('charts');
  });

  it('refuses a bad chart with the path of the problem', () => {
    const bad = (chart: unknown) =>
      parseDocument({
        ...doc,
        nodes: [{ id: 'orders', type: 'source.csv', params: { path: 'o.csv' }, charts: [chart] }],
      });
    const type = bad({ type: 'pie', x: 'a' });
    expect(type.ok).toBe(false);
    if (type.ok) return;
    expect(type.diagnostics[0]?.path).toBe('nodes[0].charts[0].type');
    const extra = bad({ type: 'bar', x: 'a', sql: 'SELECT 1' });
    expect(extra.ok).toBe(false);
    if (extra.ok) return;
    expect(extra.diagnostics[0]?.message).toMatch(/nodes\[0\]\.charts\[0\].*"sql"/);
    const noX = bad({ type: 'bar' });
    expect(!noX.ok && noX.diagnostics[0]?.path).toBe('nodes[0].charts[0].x');
    const agg = bad({ type: 'bar', x: 'a', aggregate: 'mode' });
    expect(!agg.ok && agg.diagnostics[0]?.path).toBe('nodes[0].charts[0].aggregate');
  });

  it('refuses more than 20 charts on a node', () => {
    const many = Array.from({ length: 21 }, () => ({ type: 'bar', x: 'a' }));
    const r = parseDocument({
      ...doc,
      nodes: [{ id: 'orders', type: 'source.csv', params: { path: 'o.csv' }, charts: many }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]?.path).toBe('nodes[0].charts');
  });

  it('an unknown column is a warning naming the node and the chart, not a load failure', () => {
    const node = doc.nodes[0];
    if (node === undefined) throw new Error('fixture');
    const warnings = savedChartWarnings(node, [{ name: 'status' }]);
    expect(warnings.map((w) => [w.severity, w.path, w.message])).toEqual([
      [
        'warning',
        'charts[0].y',
        'node "orders": chart "Orders per status" names unknown column "amount" (its y); the chart is kept',
      ],
      [
        'warning',
        'charts[1].x',
        'node "orders": chart "#2 (histogram)" names unknown column "amount" (its x); the chart is kept',
      ],
    ]);
    expect(savedChartWarnings(node, [{ name: 'status' }, { name: 'amount' }])).toEqual([]);
  });

  it('a saved chart becomes an engine request with its default aggregate', () => {
    expect(chartSpecOf({ type: 'histogram', x: 'amount', title: 't' })).toEqual({
      type: 'histogram',
      x: 'amount',
      aggregate: 'count',
    });
  });
});
