import { warning, type Diagnostic } from '../diagnostics';
import type { PipelineNode } from '../format/document';
import { chartColumns, type SavedChart } from './chart-spec';

/** How a chart is named in messages: its title, or its place and type. */
export function chartName(chart: SavedChart, index: number): string {
  return chart.title !== undefined && chart.title !== '' ? chart.title : `#${index + 1} (${chart.type})`;
}

/**
 * A saved chart naming a column the node no longer has is a warning, not a
 * load failure: the chart is kept (the column may come back) and the user is told.
 */
export function savedChartWarnings(node: PipelineNode, columns: ReadonlyArray<{ name: string }>): Diagnostic[] {
  const names = new Set(columns.map((c) => c.name));
  const out: Diagnostic[] = [];
  (node.charts ?? []).forEach((chart, i) => {
    for (const { field, column } of chartColumns(chart)) {
      if (names.has(column)) continue;
      out.push(
        warning(
          'node.unknown-column/chart',
          { node: node.id, chart: chartName(chart, i), column, field },
          { nodeId: node.id, path: `charts[${i}].${field}` },
        ),
      );
    }
  });
  return out;
}
