import { chartCategories } from '../../../shared/charts/chart-option';
import type { ChartResultData, ChartSpecData } from '../../../shared/ipc/results';
import type { ProfilePick } from './ProfileView';
import { binCondition, binFilters, valueCondition, valueFilters } from './profile-format';

/**
 * What a click on a chart's mark picks, as the profile's bars do: preview
 * filters (values, never SQL) and the equivalent Filter node condition.
 * A category (bar, line, area, box plot) keeps its x value; a histogram
 * bin its range (the last bin closed, so the maximum is kept). A missing
 * value, a scatter point or a heat map cell picks nothing.
 */
export function chartPick(
  spec: ChartSpecData,
  result: ChartResultData,
  dataIndex: number,
  columnType: string,
): ProfilePick | null {
  if (spec.type === 'histogram') {
    const p = result.points[dataIndex];
    if (p === undefined || p.x === null) return null;
    const lo = String(p.x);
    if (typeof p.series !== 'string')
      return { filters: valueFilters(spec.x, lo, false), condition: valueCondition(spec.x, columnType, lo, false) };
    const closed = dataIndex === result.points.length - 1;
    const bin = { lo, hi: p.series };
    const kind = /^(DATE|TIMESTAMP)/.test(columnType) ? 'time' : 'number';
    return { filters: binFilters(spec.x, bin, closed), condition: binCondition(spec.x, columnType, kind, bin, closed) };
  }
  if (spec.type === 'scatter' || spec.type === 'heatmap') return null;
  const value = chartCategories(result)[dataIndex];
  if (value === undefined || value === null) return null;
  const text = String(value);
  return { filters: valueFilters(spec.x, text, false), condition: valueCondition(spec.x, columnType, text, false) };
}
