import type { BacktestError, Forecast, ForecastSeries } from '../api/stats';

/** One line of the forecast table: a place × domain and next month's value with its error. */
export interface ForecastRow {
  key: string;
  place: string;
  domain: string;
  label: string;
  value: number | null;
  method: ForecastSeries['forecast']['method'];
  error: BacktestError;
  /** The area's own total of the domain (not the sum of the townships' forecasts). */
  total: boolean;
}

function rowOf(place: string, key: string, series: ForecastSeries, total: boolean): ForecastRow {
  const { value, method, mape, mase, mae } = series.forecast;
  return {
    key,
    place,
    domain: series.domain,
    label: series.label,
    value,
    method,
    error: { mape, mase, mae },
    total,
  };
}

/**
 * The area's totals first, then every township × domain series, as the API orders them. An
 * area of one township has its series as its totals: they are listed once.
 */
export function forecastRows(forecast: Forecast, areaName: string): ForecastRow[] {
  const townships = new Set(forecast.series.map((s) => s.township.code));
  return [
    ...forecast.totals.map((s) => rowOf(areaName, `total-${s.domain}`, s, true)),
    ...(townships.size > 1 ? forecast.series : []).map((s) =>
      rowOf(s.township.name, `${s.township.code}-${s.domain}`, s, false),
    ),
  ];
}

/** `8.1%` / `0.72`, or `—` when the back-test could not measure it. */
export function formatMape(mape: number | null): string {
  return mape === null ? '—' : `${mape}%`;
}

export function formatMase(mase: number | null): string {
  return mase === null ? '—' : mase.toFixed(2);
}
