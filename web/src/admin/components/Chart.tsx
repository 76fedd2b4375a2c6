import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

// Only the pieces the dashboard draws, so the chunk stays small.
echarts.use([
  BarChart,
  FunnelChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** One ECharts instance bound to a div; follows option changes and the container's size. */
export function Chart({
  option,
  label,
  height = 320,
  testId,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = echarts.init(element);
    chart.current = instance;
    // A ResizeObserver reports the size it starts with too: drawing again for that doubled every
    // chart's first-paint work; only a real change of width or height redraws.
    let width = element.clientWidth;
    let height = element.clientHeight;
    const observer = new ResizeObserver(() => {
      if (element.clientWidth === width && element.clientHeight === height) return;
      width = element.clientWidth;
      height = element.clientHeight;
      instance.resize();
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    // No entry animation: the figures are complete in the first frame (the dashboard's 1 s budget).
    chart.current?.setOption({ animation: false, ...option }, { notMerge: true });
  }, [option]);
  // A canvas says nothing to a screen reader: name the chart (the figures are also in the KPI cards and tables).
  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} role="img" aria-label={label} />;
}
