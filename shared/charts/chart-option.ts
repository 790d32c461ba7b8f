import type {
  BarSeriesOption,
  BoxplotSeriesOption,
  HeatmapSeriesOption,
  LineSeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { ChartResultData, ChartSpecData } from '../ipc/results';

/**
 * The ECharts option of a chart result: the same object drives the app's
 * interactive chart and a report's static SVG (rendered in Node), so it is a
 * pure function of its inputs — no clock, no randomness, no animation.
 * Numbers are formatted with Intl in the user's locale.
 */

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | HeatmapSeriesOption
  | BoxplotSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
>;

export interface ChartOptionContext {
  theme: 'light' | 'dark';
  /** A BCP 47 locale such as en or pt-BR. */
  locale: string;
  /** Axis names (already in the user's language) and the name of a missing value. */
  labels: { x: string; y: string; empty: string };
}

export interface Palette {
  text: string;
  muted: string;
  line: string;
  grid: string;
  series: readonly string[];
  heat: readonly [string, string];
  box: string;
}

// Two palettes of the same hues: darker on white, lighter on a dark background, each readable (≥ 3:1) on its own.
const PALETTES: Record<ChartOptionContext['theme'], Palette> = {
  light: {
    text: '#1f2328',
    muted: '#57606a',
    line: '#8c959f',
    grid: '#d8dee4',
    series: [
      '#2f6db5',
      '#c8610a',
      '#2e8540',
      '#c0392b',
      '#7b4fb5',
      '#8c564b',
      '#b83a84',
      '#5f6b7a',
      '#857700',
      '#11807f',
    ],
    heat: ['#e3eefa', '#0b4f9c'],
    box: '#2f6db5',
  },
  dark: {
    text: '#e6edf3',
    muted: '#9da7b3',
    line: '#6e7681',
    grid: '#30363d',
    series: [
      '#6ca8f0',
      '#f5a25d',
      '#6fcf7f',
      '#f27b6e',
      '#b69cf0',
      '#d2ab99',
      '#f08cc6',
      '#a8b3c1',
      '#e3d25a',
      '#5fd3d6',
    ],
    heat: ['#1b2a3a', '#79b8ff'],
    box: '#6ca8f0',
  },
};

/** The chart colours of a theme, for charts drawn outside chartOption (the model card). */
export function chartPalette(theme: ChartOptionContext['theme']): Readonly<Palette> {
  return PALETTES[theme];
}

type Point = ChartResultData['points'][number];
type Raw = string | number | null;

/** The categories along x, in the engine's order (a bar's index in the chart is its index here). */
export function chartCategories(result: ChartResultData): Raw[] {
  const seen = new Set<Raw>();
  const out: Raw[] = [];
  for (const p of result.points) {
    if (seen.has(p.x)) continue;
    seen.add(p.x);
    out.push(p.x);
  }
  return out;
}

function seriesNames(points: readonly Point[]): Array<string | null> {
  const seen = new Set<string | null>();
  for (const p of points) seen.add(p.series ?? null);
  return [...seen];
}

const NUMBER_TEXT = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

function formatters(locale: string): {
  axis: (v: number) => string;
  full: (v: number) => string;
  label: (v: Raw, empty: string) => string;
} {
  const full = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const axis = (v: number): string => (Math.abs(v) >= 10_000 ? compact.format(v) : full.format(v));
  // Categories arrive as text (the engine casts x); a number's text is shown in the locale.
  const label = (v: Raw, empty: string): string => {
    if (v === null) return empty;
    if (typeof v === 'number') return full.format(v);
    return NUMBER_TEXT.test(v) ? full.format(Number(v)) : v;
  };
  return { axis, full: (v) => full.format(v), label };
}

function numberOf(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function chartOption(spec: ChartSpecData, result: ChartResultData, ctx: ChartOptionContext): ChartOption {
  const pal = PALETTES[ctx.theme];
  const fmt = formatters(ctx.locale);
  const textStyle = { color: pal.text, fontFamily: 'system-ui, sans-serif', fontSize: 12 };
  const axisCommon = {
    nameTextStyle: { color: pal.muted },
    axisLabel: { color: pal.muted },
    axisLine: { lineStyle: { color: pal.line } },
    axisTick: { lineStyle: { color: pal.line } },
    splitLine: { lineStyle: { color: pal.grid } },
  };
  const valueAxis = (name: string) => ({
    ...axisCommon,
    type: 'value' as const,
    name,
    nameLocation: 'middle' as const,
    nameGap: 48,
    axisLabel: { color: pal.muted, formatter: (v: number) => fmt.axis(v) },
  });
  const categoryAxis = (name: string, values: readonly Raw[]) => ({
    ...axisCommon,
    type: 'category' as const,
    name,
    nameLocation: 'middle' as const,
    nameGap: 32,
    data: values.map((v) => fmt.label(v, ctx.labels.empty)),
    axisLabel: { color: pal.muted, hideOverlap: true },
  });
  const base: ChartOption = {
    animation: false,
    color: [...pal.series],
    backgroundColor: 'transparent',
    textStyle,
    grid: { left: 64, right: 24, top: 40, bottom: 56, containLabel: false },
    tooltip: {
      trigger: spec.type === 'scatter' || spec.type === 'heatmap' || spec.type === 'boxplot' ? 'item' : 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? fmt.full(v) : String(v ?? '')),
    },
  };

  if (spec.type === 'scatter') {
    const names = seriesNames(result.points);
    return {
      ...base,
      ...legend(names, pal),
      xAxis: { ...valueAxis(ctx.labels.x), scale: true },
      yAxis: { ...valueAxis(ctx.labels.y), scale: true },
      series: names.map((name) => ({
        type: 'scatter' as const,
        name: name ?? (names.length > 1 ? ctx.labels.empty : ctx.labels.y),
        symbolSize: 5,
        data: result.points
          .filter((p) => (p.series ?? null) === name)
          .map((p) => [numberOf(p.x) ?? 0, numberOf(p.y) ?? 0]),
      })),
    };
  }

  if (spec.type === 'heatmap') {
    const xs = chartCategories(result);
    const ys: Raw[] = [...new Set(result.points.map((p) => p.y))];
    const values = result.points.flatMap((p) => (typeof p.value === 'number' ? [p.value] : []));
    const min = values.length === 0 ? 0 : Math.min(...values);
    const max = values.length === 0 ? 0 : Math.max(...values);
    return {
      ...base,
      grid: { ...gridOf(base), right: 88 },
      xAxis: categoryAxis(ctx.labels.x, xs),
      yAxis: { ...categoryAxis(ctx.labels.y, ys), nameGap: 48 },
      visualMap: {
        type: 'continuous',
        min,
        max: max === min ? min + 1 : max,
        calculable: false,
        right: 0,
        top: 'middle',
        textStyle: { color: pal.muted },
        inRange: { color: [...pal.heat] },
        formatter: (v: unknown) => (typeof v === 'number' ? fmt.axis(v) : String(v)),
      },
      series: [
        {
          type: 'heatmap',
          data: result.points.map((p) => [xs.indexOf(p.x), ys.indexOf(p.y), p.value ?? null]),
        },
      ],
    };
  }

  if (spec.type === 'boxplot') {
    const xs = chartCategories(result);
    return {
      ...base,
      xAxis: categoryAxis(ctx.labels.x, xs),
      yAxis: valueAxis(ctx.labels.y),
      series: [
        {
          type: 'boxplot',
          name: ctx.labels.y,
          itemStyle: { color: 'transparent', borderColor: pal.box },
          data: result.points.map((p) => (p.box ?? []).map((v) => v ?? 0)),
        },
      ],
    };
  }

  if (spec.type === 'histogram') {
    const xs = chartCategories(result);
    return {
      ...base,
      xAxis: categoryAxis(ctx.labels.x, xs),
      yAxis: valueAxis(ctx.labels.y),
      series: [
        { type: 'bar', name: ctx.labels.y, barCategoryGap: '4%', data: result.points.map((p) => numberOf(p.y)) },
      ],
    };
  }

  // bar, line, area: one series per color value, aligned on the x categories.
  const xs = chartCategories(result);
  const names = seriesNames(result.points);
  const at = new Map(result.points.map((p) => [keyOf(p.x, p.series ?? null), numberOf(p.y)]));
  const dataOf = (name: string | null): Array<number | null> => xs.map((x) => at.get(keyOf(x, name)) ?? null);
  return {
    ...base,
    ...legend(names, pal),
    xAxis: { ...categoryAxis(ctx.labels.x, xs), boundaryGap: spec.type === 'bar' },
    yAxis: valueAxis(ctx.labels.y),
    series: names.map((name): BarSeriesOption | LineSeriesOption => {
      const seriesName = name ?? (names.length > 1 ? ctx.labels.empty : ctx.labels.y);
      if (spec.type === 'bar') return { type: 'bar', name: seriesName, data: dataOf(name) };
      return {
        type: 'line',
        name: seriesName,
        showSymbol: xs.length <= 60,
        connectNulls: false,
        data: dataOf(name),
        ...(spec.type === 'area' ? { areaStyle: { opacity: 0.25 }, stack: 'total' } : {}),
      };
    }),
  };
}

function keyOf(x: Raw, series: string | null): string {
  return JSON.stringify([x, series]);
}

function gridOf(option: ChartOption): GridComponentOption {
  const g = option.grid;
  return g === undefined || Array.isArray(g) ? {} : g;
}

/** A legend only when there is more than one series (a color encoding). */
function legend(names: ReadonlyArray<string | null>, pal: Palette): Pick<ChartOption, 'legend'> {
  if (names.length <= 1 && names[0] === null) return {};
  return { legend: { type: 'scroll', top: 0, textStyle: { color: pal.text }, pageTextStyle: { color: pal.muted } } };
}
