import { init } from 'echarts/core';
import { describe, expect, it } from 'vitest';
import type { ChartResultData, ChartSpecData } from '../ipc/results';
import { chartSpecSchema } from '../ipc/results';
import { chartCategories, chartOption, type ChartOption, type ChartOptionContext } from './chart-option';
import { useChartParts } from './echarts-parts';

useChartParts();

const ctx: ChartOptionContext = {
  theme: 'light',
  locale: 'en',
  labels: { x: 'status', y: 'sum of amount', empty: '(empty)' },
};

function result(points: ChartResultData['points']): ChartResultData {
  return { nodeId: 'n', points, capped: false, sampled: false, elapsedMs: 1 };
}

function spec(raw: Record<string, string>): ChartSpecData {
  return chartSpecSchema.parse(raw);
}

/** The option as plain data (functions dropped), for assertions. */
function data(o: ChartOption): Record<string, unknown> {
  const parsed: unknown = JSON.parse(JSON.stringify(o));
  if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
  return parsed as Record<string, unknown>;
}

function series(o: ChartOption): Array<Record<string, unknown>> {
  return data(o)['series'] as Array<Record<string, unknown>>;
}

/** Renders the option the way a report does: ECharts' server-side SVG, no DOM. */
function svg(o: ChartOption): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: 480, height: 300 });
  chart.setOption(o);
  const out = chart.renderToSVGString();
  chart.dispose();
  return out;
}

const statusBars = result([
  { x: 'open', y: 12.5, series: 'eu' },
  { x: 'open', y: 4, series: 'us' },
  { x: 'paid', y: 1234567.891, series: 'eu' },
  { x: null, y: 3, series: 'us' },
]);

describe('chart options', () => {
  it('bar: one series per color, aligned on the x categories, nulls named, no animation', () => {
    const o = chartOption(
      spec({ type: 'bar', x: 'status', y: 'amount', color: 'region', aggregate: 'sum' }),
      statusBars,
      ctx,
    );
    const d = data(o);
    expect(d['animation']).toBe(false);
    expect((d['xAxis'] as Record<string, unknown>)['data']).toEqual(['open', 'paid', '(empty)']);
    expect(series(o).map((s) => [s['type'], s['name'], s['data']])).toEqual([
      ['bar', 'eu', [12.5, 1234567.891, null]],
      ['bar', 'us', [4, null, 3]],
    ]);
    expect(d['legend']).toBeDefined();
    expect(chartCategories(statusBars)).toEqual(['open', 'paid', null]);
    const drawn = svg(o);
    // Four bars drawn (a missing value draws none).
    expect(drawn.match(/<path d="M\d/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
    expect(drawn).toContain('paid');
  });

  it('formats axis numbers in the locale: pt-BR uses a comma and compact thousands', () => {
    const o = chartOption(spec({ type: 'bar', x: 'n' }), result([{ x: '1234.5', y: 20000 }]), {
      ...ctx,
      locale: 'pt-BR',
    });
    expect((data(o)['xAxis'] as Record<string, unknown>)['data']).toEqual(['1.234,5']);
    // The y axis as drawn: compact thousands in Portuguese.
    expect(svg(o)).toMatch(/>20\u00a0mil</);
    expect(svg(o)).toContain('1.234,5');
  });

  it('line and area: lines over the categories, area stacked and filled', () => {
    const pts = result([
      { x: '2024-01', y: 1 },
      { x: '2024-02', y: 3 },
      { x: '2024-03', y: 2 },
    ]);
    const line = series(chartOption(spec({ type: 'line', x: 'month' }), pts, ctx));
    expect(line).toEqual([expect.objectContaining({ type: 'line', data: [1, 3, 2] })]);
    expect(line[0]?.['areaStyle']).toBeUndefined();
    const area = series(chartOption(spec({ type: 'area', x: 'month' }), pts, ctx));
    expect(area[0]).toEqual(expect.objectContaining({ type: 'line', stack: 'total', areaStyle: { opacity: 0.25 } }));
    expect(svg(chartOption(spec({ type: 'area', x: 'month' }), pts, ctx))).toContain('2024-02');
  });

  it('scatter: value axes, a series per color', () => {
    const o = chartOption(
      spec({ type: 'scatter', x: 'a', y: 'b', color: 'k' }),
      result([
        { x: 1, y: 2, series: 'odd' },
        { x: 2, y: 4, series: 'even' },
        { x: 3, y: 6, series: 'odd' },
      ]),
      ctx,
    );
    const d = data(o);
    expect((d['xAxis'] as Record<string, unknown>)['type']).toBe('value');
    expect(series(o).map((s) => [s['name'], s['data']])).toEqual([
      [
        'odd',
        [
          [1, 2],
          [3, 6],
        ],
      ],
      ['even', [[2, 4]]],
    ]);
    expect(svg(o)).toContain('<svg');
  });

  it('histogram: touching bars, one per bin, labelled by the bin start', () => {
    const o = chartOption(
      spec({ type: 'histogram', x: 'amount' }),
      result([
        { x: 0, y: 5, series: '10' },
        { x: 10, y: 7, series: '20' },
      ]),
      { ...ctx, labels: { ...ctx.labels, y: 'rows' } },
    );
    const d = data(o);
    expect((d['xAxis'] as Record<string, unknown>)['data']).toEqual(['0', '10']);
    expect(series(o)).toEqual([expect.objectContaining({ type: 'bar', barCategoryGap: '4%', data: [5, 7] })]);
  });

  it('heatmap: cells indexed on both category axes, colour scale from the values', () => {
    const o = chartOption(
      spec({ type: 'heatmap', x: 'a', y: 'b' }),
      result([
        { x: 'a', y: 'p', value: 1 },
        { x: 'a', y: 'q', value: 5 },
        { x: 'b', y: 'q', value: 3 },
      ]),
      ctx,
    );
    const d = data(o);
    expect(series(o)[0]?.['data']).toEqual([
      [0, 0, 1],
      [0, 1, 5],
      [1, 1, 3],
    ]);
    expect(d['visualMap']).toEqual(expect.objectContaining({ min: 1, max: 5 }));
    expect(svg(o)).toContain('<svg');
  });

  it('boxplot: min, quartiles and max per category', () => {
    const o = chartOption(
      spec({ type: 'boxplot', x: 'k', y: 'v' }),
      result([
        { x: 'even', y: 5, box: [0, 2, 5, 7, 10] },
        { x: 'odd', y: 4, box: [1, 2, 4, 6, 9] },
      ]),
      ctx,
    );
    expect(series(o)[0]).toEqual(
      expect.objectContaining({
        type: 'boxplot',
        data: [
          [0, 2, 5, 7, 10],
          [1, 2, 4, 6, 9],
        ],
      }),
    );
    expect(svg(o)).toContain('odd');
  });

  it('themes: the dark palette differs and its text is light; output is deterministic', () => {
    const light = data(chartOption(spec({ type: 'bar', x: 'status' }), statusBars, ctx));
    const dark = data(chartOption(spec({ type: 'bar', x: 'status' }), statusBars, { ...ctx, theme: 'dark' }));
    expect(dark['color']).not.toEqual(light['color']);
    expect((dark['textStyle'] as Record<string, unknown>)['color']).toBe('#e6edf3');
    const o = chartOption(spec({ type: 'bar', x: 'status' }), statusBars, ctx);
    // ECharts numbers instances and style classes with process-wide counters (zr5-cls-24); the drawing itself is the same.
    const drawing = (text: string): string => text.replace(/zr\d+-cls-\d+/g, 'zr-cls');
    expect(drawing(svg(o))).toBe(drawing(svg(chartOption(spec({ type: 'bar', x: 'status' }), statusBars, ctx))));
  });
});
