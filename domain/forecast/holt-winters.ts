import { SEASON } from './accuracy';

/**
 * Holt-Winters with additive trend and additive seasonality (period 12), written out here: no
 * time-series library is among the project's dependencies (none could be added), and the
 * method is a dozen lines that are easier to read and test than a dependency.
 *
 * Recurrences (Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", §8.3):
 *   forecast  ŷ[t] = l[t−1] + b[t−1] + s[t−m]
 *   level     l[t] = α (y[t] − s[t−m]) + (1 − α)(l[t−1] + b[t−1])
 *   trend     b[t] = β (l[t] − l[t−1]) + (1 − β) b[t−1]
 *   season    s[t] = γ (y[t] − l[t−1] − b[t−1]) + (1 − γ) s[t−m]
 *
 * Initialisation from the first year (t = 0…m−1), so that a series of one year and a few
 * months can already be filtered (the back-test refits on short prefixes):
 *   trend b = mean of (y[t] − y[t−m]) / m over the months of the second year that exist
 *             (the classic two-season estimate; 0 with only one year);
 *   level l = mean of the first year + b·(m−1)/2, i.e. the level at its last month;
 *   season s[i] = y[i] − (mean of the first year + b·(i − (m−1)/2)), the first year detrended.
 * Filtering starts at t = m; the parameters minimise the sum of squared one-step-ahead errors
 * over t = m…n−1 on a small grid (a grid, not an optimiser: deterministic, and fast enough for a
 * few hundred series of a few dozen months).
 */

export interface HoltWintersParameters {
  alpha: number;
  beta: number;
  gamma: number;
}

export interface HoltWintersFit extends HoltWintersParameters {
  /** Sum of squared one-step-ahead errors over t = m…n−1. */
  sse: number;
  /** The forecast of the month after the series. */
  next: number;
}

export const ALPHAS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9] as const;
export const BETAS = [0, 0.05, 0.1, 0.2, 0.3] as const;
export const GAMMAS = [0.05, 0.1, 0.2, 0.3, 0.5] as const;
/** Used when the series is exactly one year long: there is no error to fit on. */
export const DEFAULT_PARAMETERS: HoltWintersParameters = { alpha: 0.3, beta: 0.1, gamma: 0.1 };

/** Runs the recurrences with fixed parameters; null when the series is shorter than a year. */
export function holtWintersFilter(
  series: readonly number[],
  { alpha, beta, gamma }: HoltWintersParameters,
  period = SEASON,
): { sse: number; next: number } | null {
  const m = period;
  const n = series.length;
  if (n < m) return null;
  const y = series;

  let firstYear = 0;
  for (let i = 0; i < m; i++) firstYear += y[i]!;
  firstYear /= m;
  const pairs = Math.min(n, 2 * m) - m;
  let trend = 0;
  for (let t = m; t < m + pairs; t++) trend += (y[t]! - y[t - m]!) / m;
  if (pairs > 0) trend /= pairs;
  const centre = (m - 1) / 2;
  let level = firstYear + trend * centre;
  const season: number[] = [];
  for (let i = 0; i < m; i++) season.push(y[i]! - (firstYear + trend * (i - centre)));

  let sse = 0;
  for (let t = m; t < n; t++) {
    const s = season[t % m]!;
    const error = y[t]! - (level + trend + s);
    sse += error * error;
    const previousLevel = level;
    const previousTrend = trend;
    level = alpha * (y[t]! - s) + (1 - alpha) * (previousLevel + previousTrend);
    trend = beta * (level - previousLevel) + (1 - beta) * previousTrend;
    season[t % m] = gamma * (y[t]! - previousLevel - previousTrend) + (1 - gamma) * s;
  }
  return { sse, next: level + trend + season[n % m]! };
}

/** Chooses α, β, γ on the grid by the smallest one-step-ahead SSE (ties: the first). */
export function fitHoltWinters(series: readonly number[], period = SEASON): HoltWintersFit | null {
  if (series.length < period) return null;
  if (series.length === period) {
    const run = holtWintersFilter(series, DEFAULT_PARAMETERS, period);
    return run && { ...DEFAULT_PARAMETERS, ...run };
  }
  let best: HoltWintersFit | null = null;
  for (const alpha of ALPHAS) {
    for (const beta of BETAS) {
      for (const gamma of GAMMAS) {
        const run = holtWintersFilter(series, { alpha, beta, gamma }, period);
        if (run && (best === null || run.sse < best.sse)) best = { alpha, beta, gamma, ...run };
      }
    }
  }
  return best;
}
