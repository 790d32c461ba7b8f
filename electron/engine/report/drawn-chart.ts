import { chartOption } from '../../../shared/charts/chart-option';
import { chartSpecOf, type SavedChart } from '../../../shared/charts/chart-spec';
import type { ChartResultData } from '../../../shared/ipc/results';
import type { MessageLocale } from '../../../shared/messages/template';
import { chartSvg } from './chart-svg';
import type { DrawnChart } from './report-model';
import { reportText } from './report-text';

/**
 * A saved chart's points drawn as the app's Chart view draws them (the same
 * ECharts option), twice: in the light and the dark theme, for the page to
 * show the one the reader prefers. `prefix` keeps each SVG's CSS classes
 * apart from the other charts' on the page.
 */
export function drawChart(
  chart: SavedChart,
  result: ChartResultData,
  locale: MessageLocale,
  prefix: string,
): Omit<DrawnChart, 'title'> {
  const spec = chartSpecOf(chart);
  const labels = { x: chart.x, y: chart.y ?? spec.aggregate, empty: reportText(locale).emptyValue };
  const draw = (theme: 'light' | 'dark'): string =>
    chartSvg(chartOption(spec, result, { theme, locale, labels }), `${prefix}${theme === 'light' ? 'l' : 'd'}`);
  const note = result.sampled ? 'sampled' : result.capped ? 'capped' : undefined;
  return { light: draw('light'), dark: draw('dark'), ...(note === undefined ? {} : { note }) };
}
