import { useEffect, useRef } from 'react';
import { init, type ECharts } from 'echarts/core';
import type { ChartOption } from '../../../shared/charts/chart-option';
import { useChartParts } from '../../../shared/charts/echarts-parts';

useChartParts();

/**
 * An ECharts chart (SVG renderer, tree-shaken through echarts/core) that
 * follows its option and its box's size; `onPick` gets the index of a
 * clicked data item. The option is replaced whole on each change.
 */
export function EChart({
  option,
  onPick,
  label,
}: {
  option: ChartOption;
  onPick: (dataIndex: number) => void;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const c = init(el, null, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (params) => {
      if (typeof params.dataIndex === 'number') pick.current(params.dataIndex);
    });
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className="chart-canvas" role="img" aria-label={label} data-testid="chart-canvas" />;
}
