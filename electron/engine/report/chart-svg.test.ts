import { describe, expect, it } from 'vitest';
import { chartSvg, stableSvg } from './chart-svg';

const bars = { xAxis: { type: 'category', data: ['a', '<b>&'] }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: [1, 2] }] };

describe('chart SVG for a static page', () => {
  it('draws the same bytes each time, with no namespace URL and classes of its own prefix', () => {
    const first = chartSvg(bars, 'c1');
    const again = chartSvg(bars, 'c1');
    expect(again).toBe(first);
    expect(first.startsWith('<svg ')).toBe(true);
    expect(first).not.toMatch(/https?:\/\//);
    expect(first).not.toMatch(/zr\d+-cls/);
    expect(first).toContain('class="c1-1"');
    // Two bars, and ECharts escaped the category's text.
    expect(first.match(/ecmeta_ssr_type="chart"/g)).toHaveLength(2);
    expect(first).toContain('&lt;b&gt;&amp;');
    expect(chartSvg(bars, 'c2')).not.toContain('c1-');
  });

  it('renames classes in order of appearance, whatever ECharts numbered them', () => {
    expect(stableSvg('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><path class="zr7-cls-9"/><path class="zr7-cls-3"/><style>.zr7-cls-9:hover{}</style></svg>', 'p')).toBe(
      '<svg><path class="p-1"/><path class="p-2"/><style>.p-1:hover{}</style></svg>',
    );
  });
});
