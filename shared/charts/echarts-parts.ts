import { BarChart, BoxplotChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * Registers the parts of ECharts that chart-option.ts uses, and only those,
 * so bundles import `echarts/core` tree-shaken. SVG everywhere: crisp in the
 * app, and the same renderer draws a report's static SVG in Node.
 */
export function useChartParts(): void {
  use([
    BarChart,
    LineChart,
    ScatterChart,
    HeatmapChart,
    BoxplotChart,
    GridComponent,
    LegendComponent,
    TooltipComponent,
    VisualMapComponent,
    SVGRenderer,
  ]);
}
