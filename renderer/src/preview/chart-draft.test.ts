import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../../shared/format/document';
import { chartSpecSchema } from '../../../shared/ipc/results';
import { createAppStore } from '../store/app-store';
import { chartPick } from './chart-pick';
import { readyChart, savedWith, withAggregate, withField, withType, type ChartDraft } from './chart-draft';

describe('the chart being edited', () => {
  it('is ready once x (and y where needed) is picked, and keeps only what its type uses', () => {
    let d: ChartDraft = { type: 'bar' };
    expect(readyChart(d)).toBeUndefined();
    d = withField(d, 'x', 'status');
    expect(readyChart(d)).toEqual({ type: 'bar', x: 'status' });
    d = withField(d, 'y', 'amount');
    // A measured y is summed; clearing it counts again.
    expect(readyChart(d)).toEqual({ type: 'bar', x: 'status', y: 'amount', aggregate: 'sum' });
    expect(readyChart(withAggregate(d, 'avg'))).toEqual({ type: 'bar', x: 'status', y: 'amount', aggregate: 'avg' });
    expect(readyChart(withField(d, 'y', ''))).toEqual({ type: 'bar', x: 'status' });
    // A histogram drops the bar's y and aggregate; a box plot needs its y.
    expect(readyChart(withType(withField(d, 'color', 'region'), 'histogram'))).toEqual({
      type: 'histogram',
      x: 'status',
    });
    expect(readyChart({ type: 'boxplot', x: 'status' })).toBeUndefined();
    expect(readyChart(withField({ type: 'bar', x: 'a' }, 'title', '  Orders  '))).toEqual({
      type: 'bar',
      x: 'a',
      title: 'Orders',
    });
  });

  it('is saved in place or added, up to 20 per node', () => {
    const a = { type: 'bar' as const, x: 'a' };
    const b = { type: 'line' as const, x: 'b' };
    expect(savedWith([a], 0, b)).toEqual([b]);
    expect(savedWith([a], null, b)).toEqual([a, b]);
    expect(
      savedWith(
        Array.from({ length: 20 }, () => a),
        null,
        b,
      ),
    ).toBeNull();
  });

  it('is saved on the node through the document: one undo step, the file unsaved', () => {
    const store = createAppStore(emptyDocument('t'));
    const act = () => store.getState().actions;
    const id = act().addNode('source.csv', { x: 0, y: 0 }).id;
    const before = store.getState().doc.document;
    act().setCharts(id, [{ type: 'bar', x: 'status' }]);
    expect(store.getState().doc.document.nodes[0]?.charts).toEqual([{ type: 'bar', x: 'status' }]);
    expect(store.getState().doc.document).not.toBe(store.getState().doc.saved);
    act().undo();
    expect(store.getState().doc.document).toBe(before);
    act().redo();
    act().setCharts(id, []);
    expect(store.getState().doc.document.nodes[0]).not.toHaveProperty('charts');
  });
});

describe('a click on a chart', () => {
  const result = (points: Array<{ x: string | number | null; y: number; series?: string }>) => ({
    nodeId: 'n',
    points,
    capped: false,
    sampled: false,
    elapsedMs: 1,
  });

  it("on a bar keeps its category, as the profile's values do", () => {
    const spec = chartSpecSchema.parse({ type: 'bar', x: 'status' });
    const r = result([
      { x: 'open', y: 2 },
      { x: 'paid', y: 3 },
      { x: null, y: 1 },
    ]);
    expect(chartPick(spec, r, 1, 'VARCHAR')).toEqual({
      filters: [{ column: 'status', text: '= paid' }],
      condition: `"status" = 'paid'`,
    });
    expect(chartPick(spec, r, 2, 'VARCHAR')).toBeNull();
  });

  it("on a histogram bin keeps its range, the last bin closed, as the profile's bins do", () => {
    const spec = chartSpecSchema.parse({ type: 'histogram', x: 'amount' });
    const r = result([
      { x: '0', y: 2, series: '10' },
      { x: '10', y: 3, series: '20' },
    ]);
    expect(chartPick(spec, r, 0, 'DOUBLE')?.filters).toEqual([
      { column: 'amount', text: '>= 0' },
      { column: 'amount', text: '< 10' },
    ]);
    expect(chartPick(spec, r, 1, 'DOUBLE')).toEqual({
      filters: [
        { column: 'amount', text: '>= 10' },
        { column: 'amount', text: '<= 20' },
      ],
      condition: '"amount" >= 10 AND "amount" <= 20',
    });
    expect(chartPick(chartSpecSchema.parse({ type: 'scatter', x: 'a', y: 'b' }), r, 0, 'DOUBLE')).toBeNull();
  });
});
