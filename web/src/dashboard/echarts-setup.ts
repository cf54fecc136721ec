import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/** Only the ECharts parts the dashboard draws with, so the page's chunk stays small. */
use([
  CanvasRenderer,
  BarChart,
  HeatmapChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
]);

/**
 * Series colours with at least 3:1 against white (WCAG 1.4.11 for graphics); ECharts' own
 * pastel palette falls below it for several colours.
 */
export const PALETTE = [
  '#1d5fb4',
  '#2e7d32',
  '#b35c00',
  '#7b3fa8',
  '#b03a3a',
  '#00796b',
  '#6d4c41',
  '#ad1457',
  '#455a64',
  '#5f6f00',
];

/** The heat map's scale: pale to dark blue; cell labels switch to white on the dark end. */
export const HEAT_COLOURS = ['#e8eff8', '#8eafda', '#1d5fb4', '#0b2f5e'];

export const TEXT_COLOUR = '#1f2329';
