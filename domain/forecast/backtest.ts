import {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanAbsoluteScaledError,
  SEASON,
  seasonalNaiveScale,
  type ForecastPoint,
} from './accuracy';
import { fitHoltWinters } from './holt-winters';
import { seasonalNaiveForecast } from './seasonal-naive';

export const FORECAST_METHODS = ['seasonal_naive', 'holt_winters'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

/** How many of the last months the back-test forecasts, one step ahead each. */
export const BACKTEST_MONTHS = 12;

/**
 * The next value of a series by one method, from its values so far. Counts of demands cannot
 * be negative, so a forecast below zero (a falling trend run on) is taken as zero.
 */
export function forecastNext(method: ForecastMethod, series: readonly number[]): number | null {
  const raw =
    method === 'seasonal_naive' ? seasonalNaiveForecast(series) : fitHoltWinters(series)?.next;
  return raw === null || raw === undefined ? null : Math.max(0, raw);
}

export interface MethodBacktest {
  method: ForecastMethod;
  /** One per back-tested month: `index` is the month's position in the series. */
  points: (ForecastPoint & { index: number })[];
  mae: number | null;
  mape: number | null;
  mase: number | null;
}

/**
 * Rolling-origin evaluation: for each of the last 12 months (those with at least a year before
 * them), the method sees only the months before it — Holt-Winters is refitted each time — and
 * forecasts that month. MASE is scaled by the seasonal naive method's in-sample error over the
 * whole series, the same scale for both methods, so comparing MASE compares their errors.
 */
export function backtest(
  method: ForecastMethod,
  series: readonly number[],
  months = BACKTEST_MONTHS,
): MethodBacktest {
  const points: MethodBacktest['points'] = [];
  for (let t = Math.max(SEASON, series.length - months); t < series.length; t++) {
    const forecast = forecastNext(method, series.slice(0, t));
    if (forecast !== null) points.push({ index: t, actual: series[t] as number, forecast });
  }
  return {
    method,
    points,
    mae: meanAbsoluteError(points),
    mape: meanAbsolutePercentageError(points),
    mase: meanAbsoluteScaledError(points, seasonalNaiveScale(series)),
  };
}

export interface SeriesForecast {
  /** The method chosen for this series; null when the series is shorter than a year. */
  method: ForecastMethod | null;
  /** The forecast of the month after the series (≥ 0); null as `method`. */
  value: number | null;
  /** The chosen method's back-tested errors (null when there was nothing to test on). */
  mape: number | null;
  mase: number | null;
  mae: number | null;
  backtests: MethodBacktest[];
}

/** Lower MASE wins; an undefined MASE loses; then lower MAE; a tie goes to the simpler method. */
function better(a: MethodBacktest, b: MethodBacktest): MethodBacktest {
  const key = (x: MethodBacktest) => [x.mase ?? Infinity, x.mae ?? Infinity] as const;
  const [am, ae] = key(a);
  const [bm, be] = key(b);
  if (am !== bm) return am < bm ? a : b;
  if (ae !== be) return ae < be ? a : b;
  return FORECAST_METHODS.indexOf(a.method) <= FORECAST_METHODS.indexOf(b.method) ? a : b;
}

/**
 * Back-tests both methods on the series, keeps the one with the lower MASE and forecasts the
 * next month with it, reporting the back-tested error beside the value.
 */
export function forecastSeries(series: readonly number[]): SeriesForecast {
  const backtests = FORECAST_METHODS.map((method) => backtest(method, series));
  if (series.length < SEASON) {
    return { method: null, value: null, mape: null, mase: null, mae: null, backtests };
  }
  const chosen = backtests.reduce(better);
  return {
    method: chosen.method,
    value: forecastNext(chosen.method, series),
    mape: chosen.mape,
    mase: chosen.mase,
    mae: chosen.mae,
    backtests,
  };
}
