import { SEASON } from './accuracy';

/**
 * Seasonal naive: next month is the same month last year (y[n] = y[n−12]). The benchmark every
 * other method must beat, and the scale of MASE. Null when the series is shorter than a year.
 */
export function seasonalNaiveForecast(series: readonly number[], period = SEASON): number | null {
  if (series.length < period) return null;
  return series[series.length - period] as number;
}
