import { init, type EChartsCoreOption } from 'echarts/core';
import { useChartParts } from '../../../shared/charts/echarts-parts';

// Only the chart types a saved chart can be, and the SVG renderer: the engine never draws on a canvas.
useChartParts();

export const CHART_WIDTH = 760;
export const CHART_HEIGHT = 360;

/**
 * An ECharts option drawn as an SVG string by ECharts' server-side renderer
 * (no DOM), made fit to sit inline in a static HTML page:
 * - the `xmlns` declarations go (HTML puts an inline `<svg>` in the SVG
 *   namespace itself), so the file names no URL at all;
 * - ECharts names its CSS classes and clip paths after a process-wide
 *   instance counter (`zr4-cls-2`, `zr4-c0`), so the same chart drawn twice
 *   differs: they are renamed `<prefix>-1`, `-2`… in order of appearance,
 *   which makes the markup byte-stable and unique per chart on the page.
 * ECharts escapes the text it draws (axis labels, legends) itself.
 */
export function chartSvg(option: EChartsCoreOption, prefix: string): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  let svg: string;
  try {
    chart.setOption({ ...option, animation: false });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  return stableSvg(svg, prefix);
}

/** See chartSvg: no namespace URLs, classes and ids renamed in order of appearance. */
export function stableSvg(svg: string, prefix: string): string {
  const names = new Map<string, string>();
  return svg.replace(/\s+xmlns(?::\w+)?="[^"]*"/g, '').replace(/\bzr\d+-[a-z-]*\d+\b/g, (name) => {
    let renamed = names.get(name);
    if (renamed === undefined) {
      renamed = `${prefix}-${String(names.size + 1)}`;
      names.set(name, renamed);
    }
    return renamed;
  });
}
