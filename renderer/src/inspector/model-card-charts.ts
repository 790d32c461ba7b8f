import { chartPalette, type ChartOption } from '../../../shared/charts/chart-option';
import type { ModelCardData } from '../../../shared/ipc/results';

/**
 * The model card's charts as ECharts options (drawn by preview/EChart.tsx):
 * feature importance as horizontal bars, the ROC curve (with the chance
 * diagonal) or predicted against actual (with the y = x line). Pure: the
 * same card, theme and locale give the same option.
 */

type Ready = Extract<ModelCardData, { state: 'ready' }>;
interface Ctx {
  theme: 'light' | 'dark';
  locale: string;
  labels: { importance: string; fpr: string; tpr: string; actual: string; predicted: string };
}

function base(ctx: Ctx): { option: ChartOption; axis: (name: string) => object } {
  const pal = chartPalette(ctx.theme);
  const fmt = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 2 });
  const axis = (name: string) => ({
    type: 'value' as const,
    name,
    nameLocation: 'middle' as const,
    nameGap: 28,
    nameTextStyle: { color: pal.muted },
    axisLabel: { color: pal.text, formatter: (v: number) => fmt.format(v) },
    axisLine: { lineStyle: { color: pal.line } },
    splitLine: { lineStyle: { color: pal.grid } },
  });
  return {
    option: {
      animation: false,
      textStyle: { color: pal.text, fontFamily: 'system-ui, sans-serif', fontSize: 11 },
      grid: { left: 8, right: 16, top: 12, bottom: 36, containLabel: true },
      tooltip: { trigger: 'item' },
    },
    axis,
  };
}

export function importanceOption(card: Ready, ctx: Ctx): ChartOption {
  const pal = chartPalette(ctx.theme);
  const { option, axis } = base(ctx);
  // Largest on top: ECharts draws a category axis bottom up.
  const rows = [...card.importance].sort((a, b) => a.importance - b.importance);
  return {
    ...option,
    xAxis: axis(ctx.labels.importance),
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.feature),
      axisLabel: { color: pal.text, width: 110, overflow: 'truncate' },
      axisLine: { lineStyle: { color: pal.line } },
    },
    series: [{ type: 'bar', data: rows.map((r) => r.importance), itemStyle: { color: pal.box } }],
  };
}

/** The ROC curve of a binary classifier, else predicted against actual of a regression; undefined without either. */
export function curveOption(card: Ready, ctx: Ctx): ChartOption | undefined {
  const pal = chartPalette(ctx.theme);
  const { option, axis } = base(ctx);
  const diagonal = (from: number, to: number) => ({
    type: 'line' as const,
    data: [
      [from, from],
      [to, to],
    ],
    symbol: 'none',
    silent: true,
    lineStyle: { color: pal.line, type: 'dashed' as const, width: 1 },
  });
  if (card.roc !== undefined) {
    const roc = card.roc;
    return {
      ...option,
      xAxis: { ...axis(ctx.labels.fpr), min: 0, max: 1 },
      yAxis: { ...axis(ctx.labels.tpr), min: 0, max: 1 },
      series: [
        diagonal(0, 1),
        {
          type: 'line',
          data: roc.fpr.map((x, i) => [x, roc.tpr[i] ?? 0]),
          symbol: 'none',
          lineStyle: { color: pal.box, width: 2 },
        },
      ],
    };
  }
  if (card.fit !== undefined) {
    const fit = card.fit;
    const all = [...fit.actual, ...fit.predicted];
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    return {
      ...option,
      xAxis: { ...axis(ctx.labels.actual), scale: true },
      yAxis: { ...axis(ctx.labels.predicted), scale: true },
      series: [
        diagonal(lo, hi),
        {
          type: 'scatter',
          data: fit.actual.map((a, i) => [a, fit.predicted[i] ?? 0]),
          symbolSize: 5,
          itemStyle: { color: pal.box, opacity: 0.7 },
        },
      ],
    };
  }
  return undefined;
}
