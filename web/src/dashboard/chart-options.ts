import type { EChartsCoreOption } from 'echarts/core';
import { HEAT_COLOURS, PALETTE, TEXT_COLOUR } from './echarts-setup';

/** The ECharts options the dashboard draws; pure functions of the API's numbers. */

export interface Labelled {
  label: string;
  count: number;
}

const base = {
  color: PALETTE,
  textStyle: { color: TEXT_COLOUR },
};

export function pieOption(items: Labelled[], name: string): EChartsCoreOption {
  return {
    ...base,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { type: 'scroll', bottom: 0, textStyle: { color: TEXT_COLOUR } },
    series: [
      {
        name,
        type: 'pie',
        radius: ['35%', '65%'],
        center: ['50%', '45%'],
        label: { color: TEXT_COLOUR, formatter: '{b}\n{d}%' },
        data: items.filter((i) => i.count > 0).map((i) => ({ name: i.label, value: i.count })),
      },
    ],
  };
}

/** Horizontal bars, largest on top: long Chinese labels stay readable. */
export function barOption(items: Labelled[], name: string): EChartsCoreOption {
  const shown = items.filter((i) => i.count > 0).sort((a, b) => a.count - b.count);
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: TEXT_COLOUR } },
    yAxis: {
      type: 'category',
      data: shown.map((i) => i.label),
      axisLabel: { color: TEXT_COLOUR },
    },
    series: [
      {
        name,
        type: 'bar',
        data: shown.map((i) => i.count),
        label: { show: true, position: 'right', color: TEXT_COLOUR },
      },
    ],
  };
}

export interface LineSeries {
  name: string;
  values: number[];
}

export function lineOption(periods: string[], series: LineSeries[]): EChartsCoreOption {
  return {
    ...base,
    tooltip: { trigger: 'axis' },
    legend:
      series.length > 1 ? { type: 'scroll', top: 0, textStyle: { color: TEXT_COLOUR } } : undefined,
    grid: { left: 8, right: 24, top: series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: periods, axisLabel: { color: TEXT_COLOUR } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: TEXT_COLOUR } },
    series: series.map((s) => ({
      name: s.name,
      type: 'line',
      data: s.values,
      symbolSize: 6,
      // Markers by shape as well as colour, for readers who tell colours apart poorly.
      symbol: ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin'][series.indexOf(s) % 6],
    })),
  };
}

export interface HeatCells {
  rows: string[];
  columns: string[];
  /** [column index, row index, count] */
  cells: [number, number, number][];
}

export function heatmapOption(heat: HeatCells): EChartsCoreOption {
  const max = Math.max(1, ...heat.cells.map((c) => c[2]));
  return {
    ...base,
    tooltip: { position: 'top' },
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    xAxis: {
      type: 'category',
      data: heat.columns,
      axisLabel: { color: TEXT_COLOUR, rotate: 40, interval: 0 },
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      data: heat.rows,
      inverse: true,
      axisLabel: { color: TEXT_COLOUR, interval: 0 },
      splitArea: { show: true },
    },
    visualMap: {
      min: 0,
      max,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      inRange: { color: HEAT_COLOURS },
      textStyle: { color: TEXT_COLOUR },
    },
    series: [
      {
        type: 'heatmap',
        // Numbers in the cells: the colour is never the only carrier of the count. White on
        // the dark half of the scale, dark text on the pale half.
        data: heat.cells.map((cell) => ({
          value: cell,
          label: { color: cell[2] > max / 2 ? '#ffffff' : TEXT_COLOUR },
        })),
        label: { show: true },
        emphasis: { itemStyle: { borderColor: TEXT_COLOUR, borderWidth: 1 } },
      },
    ],
  };
}

export interface ForecastBar {
  label: string;
  value: number;
  /** Back-tested MAPE in per cent, null when it could not be measured. */
  mape: number | null;
}

/** Next month's forecast per domain, each bar labelled with its value and back-tested MAPE. */
export function forecastOption(bars: ForecastBar[], name: string): EChartsCoreOption {
  const shown = [...bars].sort((a, b) => a.value - b.value);
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 120, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { color: TEXT_COLOUR } },
    yAxis: { type: 'category', data: shown.map((b) => b.label), axisLabel: { color: TEXT_COLOUR } },
    series: [
      {
        name,
        type: 'bar',
        data: shown.map((b) => ({
          value: b.value,
          label: {
            show: true,
            position: 'right',
            color: TEXT_COLOUR,
            formatter: `${b.value} (MAPE ${b.mape === null ? '—' : `${b.mape}%`})`,
          },
        })),
      },
    ],
  };
}
