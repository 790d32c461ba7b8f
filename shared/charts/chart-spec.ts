import { z } from 'zod';

/**
 * A chart at a node: small and declarative (columns by name, never SQL);
 * the engine aggregates and bins (electron/engine/preview/chart-query.ts).
 */

export const CHART_TYPES = ['bar', 'line', 'area', 'scatter', 'histogram', 'heatmap', 'boxplot'] as const;
export const CHART_AGGREGATES = ['count', 'sum', 'avg', 'min', 'max', 'median'] as const;
export type ChartType = (typeof CHART_TYPES)[number];
export type ChartAggregate = (typeof CHART_AGGREGATES)[number];

/** Saved charts a node may keep: enough to look at a node several ways, small enough to keep the file readable. */
export const MAX_CHARTS_PER_NODE = 20;

const chartColumn = z
  .string()
  .min(1)
  .max(1000)
  .refine((t) => !t.includes('\u0000'), 'no NUL characters');

const chartFields = {
  type: z.enum(CHART_TYPES).describe('bar, line, area, scatter, histogram, heatmap or boxplot.'),
  x: chartColumn.describe('The column along the x axis (binned for a histogram).'),
  /** The measured column (bar, line, area, scatter, box plot); the second axis of a heat map. */
  y: chartColumn.optional().describe('The measured column; the second axis of a heat map.'),
  /** One series per value (bar, line, area, scatter). */
  color: chartColumn.optional().describe('One series per value of this column.'),
  /** The column a heat map's cells aggregate. */
  value: chartColumn.optional().describe("The column a heat map's cells aggregate."),
};

/** A chart as the engine is asked for it: how y is aggregated per x (and color) defaults to a count. */
export const chartSpecSchema = z.object({
  ...chartFields,
  /** How y is aggregated per x (and color); a heat map aggregates `value`. `count` needs no y. */
  aggregate: z.enum(CHART_AGGREGATES).default('count'),
});
export type ChartSpecData = z.infer<typeof chartSpecSchema>;

/** A chart as the pipeline document keeps it on its node: an absent aggregate is a count, so files stay short. */
export const savedChartSchema = z.strictObject({
  title: z.string().max(200).optional().describe("The chart's title."),
  ...chartFields,
  aggregate: z.enum(CHART_AGGREGATES).optional().describe('How y is aggregated per x (default count).'),
});
export type SavedChart = z.infer<typeof savedChartSchema>;

/** The engine's request for a saved chart. */
export function chartSpecOf(saved: SavedChart): ChartSpecData {
  return chartSpecSchema.parse({
    type: saved.type,
    x: saved.x,
    y: saved.y,
    color: saved.color,
    aggregate: saved.aggregate,
    value: saved.value,
  });
}

/** The columns a chart names, with the field naming each. */
export function chartColumns(chart: SavedChart): Array<{ field: 'x' | 'y' | 'color' | 'value'; column: string }> {
  const out: Array<{ field: 'x' | 'y' | 'color' | 'value'; column: string }> = [{ field: 'x', column: chart.x }];
  if (chart.y !== undefined) out.push({ field: 'y', column: chart.y });
  if (chart.color !== undefined) out.push({ field: 'color', column: chart.color });
  if (chart.value !== undefined) out.push({ field: 'value', column: chart.value });
  return out;
}
