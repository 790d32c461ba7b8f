import { describe, expect, it } from 'vitest';
import { chartSvg, stableSvg } from './chart-svg';

const bars = {
  xAxis: { type: 'category', data: ['a', '<b>&'] },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', data: [1, 2] }],
};

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
    // A line chart clips its series: the clip path's id is renamed with its references.
    const line = chartSvg({ ...bars, series: [{ type: 'line', data: [1, 2] }] }, 'c3');
    expect(line).toMatch(/id="c3-\d+"/);
    expect(line).not.toMatch(/zr\d+-/);
  });

  it('renames classes and clip paths in order of appearance, whatever ECharts numbered them', () => {
    expect(
      stableSvg(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><clipPath id="zr7-c0"/><g clip-path="url(#zr7-c0)"><path class="zr7-cls-9"/><path class="zr7-cls-3"/></g><style>.zr7-cls-9:hover{}</style></svg>',
        'p',
      ),
    ).toBe(
      '<svg><clipPath id="p-1"/><g clip-path="url(#p-1)"><path class="p-2"/><path class="p-3"/></g><style>.p-2:hover{}</style></svg>',
    );
  });
});
