import {
  MAX_CHARTS_PER_NODE,
  type ChartAggregate,
  type ChartType,
  type SavedChart,
} from '../../../shared/charts/chart-spec';

/**
 * A chart being edited in the Chart view: fields may still be missing.
 * Each type keeps only the encodings it uses, so a saved chart never
 * carries a leftover column (which would warn when that column goes).
 */
export type ChartDraft = Partial<Omit<SavedChart, 'type'>> & { type: ChartType };

export type DraftField = 'x' | 'y' | 'color' | 'value' | 'title';

/** The encodings each chart type uses (x always). */
export function usesField(type: ChartType, field: 'y' | 'color' | 'aggregate' | 'value'): boolean {
  switch (field) {
    case 'y':
      return type !== 'histogram';
    case 'color':
      return type === 'bar' || type === 'line' || type === 'area' || type === 'scatter';
    case 'aggregate':
      return type === 'bar' || type === 'line' || type === 'area' || type === 'heatmap';
    case 'value':
      return type === 'heatmap';
  }
}

/** Whether y must be picked: a scatter, heat map and box plot need it, an aggregate other than count does. */
export function needsY(d: ChartDraft): boolean {
  if (d.type === 'scatter' || d.type === 'heatmap' || d.type === 'boxplot') return true;
  return d.aggregate !== undefined && d.aggregate !== 'count';
}

/** Sets (or clears, with '') one field. Picking a measured y for a count aggregates it by sum; clearing it counts again. */
export function withField(d: ChartDraft, field: DraftField, value: string): ChartDraft {
  const { [field]: _old, ...rest } = d;
  void _old;
  const next: ChartDraft = value === '' ? rest : { ...rest, [field]: value };
  if (field === 'y' && (d.type === 'bar' || d.type === 'line' || d.type === 'area')) {
    if (value !== '' && (d.aggregate === undefined || d.aggregate === 'count')) return { ...next, aggregate: 'sum' };
    if (value === '') {
      const { aggregate: _a, ...counted } = next;
      void _a;
      return counted;
    }
  }
  return next;
}

export function withAggregate(d: ChartDraft, aggregate: ChartAggregate): ChartDraft {
  const { aggregate: _old, ...rest } = d;
  void _old;
  return aggregate === 'count' ? rest : { ...rest, aggregate };
}

export function withType(d: ChartDraft, type: ChartType): ChartDraft {
  return { ...d, type };
}

/** The chart to ask for and save, once its required encodings are picked; absent otherwise. */
export function readyChart(d: ChartDraft): SavedChart | undefined {
  if (d.x === undefined) return undefined;
  if (needsY(d) && d.y === undefined) return undefined;
  const out: SavedChart = { type: d.type, x: d.x };
  if (d.title !== undefined && d.title.trim() !== '') out.title = d.title.trim();
  if (usesField(d.type, 'y') && d.y !== undefined) out.y = d.y;
  if (usesField(d.type, 'color') && d.color !== undefined) out.color = d.color;
  if (usesField(d.type, 'aggregate') && d.aggregate !== undefined && d.aggregate !== 'count')
    out.aggregate = d.aggregate;
  if (usesField(d.type, 'value') && d.value !== undefined) out.value = d.value;
  // Aggregating by more than a count needs a column to aggregate.
  if (out.aggregate !== undefined && (d.type === 'heatmap' ? out.value : out.y) === undefined) delete out.aggregate;
  return out;
}

/** The node's charts with `chart` saved at `index` (null: added). Null when the node already keeps as many as it may. */
export function savedWith(charts: readonly SavedChart[], index: number | null, chart: SavedChart): SavedChart[] | null {
  if (index !== null && index < charts.length) return charts.map((c, i) => (i === index ? chart : c));
  return charts.length >= MAX_CHARTS_PER_NODE ? null : [...charts, chart];
}
