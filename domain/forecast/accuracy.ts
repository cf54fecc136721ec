/**
 * Accuracy measures of one-step-ahead forecasts (Hyndman & Koehler 2006).
 *
 * - MAPE: mean of |error| / |actual| in per cent. Months with zero demands are skipped: a
 *   percentage of nothing is undefined, and a township with an empty month is common.
 * - MASE: mean absolute error divided by the in-sample mean absolute error of the seasonal
 *   naive method (this month = same month last year). Below 1 means better than simply
 *   repeating last year. Unlike MAPE it survives zeros and compares series of any size.
 */

export const SEASON = 12;

export interface ForecastPoint {
  actual: number;
  forecast: number;
}

export function meanAbsoluteError(points: readonly ForecastPoint[]): number | null {
  if (points.length === 0) return null;
  return points.reduce((sum, p) => sum + Math.abs(p.actual - p.forecast), 0) / points.length;
}

/** In per cent; null when every actual is zero (or there are no points). */
export function meanAbsolutePercentageError(points: readonly ForecastPoint[]): number | null {
  const usable = points.filter((p) => p.actual !== 0);
  if (usable.length === 0) return null;
  const total = usable.reduce(
    (sum, p) => sum + Math.abs(p.actual - p.forecast) / Math.abs(p.actual),
    0,
  );
  return (100 * total) / usable.length;
}

/**
 * The MASE denominator: mean |y[t] − y[t−12]| over the series (every t with a value a year
 * before). Null when the series is shorter than a year and a month.
 */
export function seasonalNaiveScale(series: readonly number[], period = SEASON): number | null {
  let sum = 0;
  let n = 0;
  for (let t = period; t < series.length; t++) {
    sum += Math.abs((series[t] as number) - (series[t - period] as number));
    n++;
  }
  return n === 0 ? null : sum / n;
}

/**
 * MAE / scale. A series that repeats itself exactly every year has scale 0: then a forecast
 * without error has MASE 0 and any other is not comparable on this scale (null).
 */
export function meanAbsoluteScaledError(
  points: readonly ForecastPoint[],
  scale: number | null,
): number | null {
  const mae = meanAbsoluteError(points);
  if (mae === null || scale === null) return null;
  if (scale === 0) return mae === 0 ? 0 : null;
  return mae / scale;
}
