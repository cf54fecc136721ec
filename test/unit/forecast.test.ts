import {
  backtest,
  fitHoltWinters,
  forecastSeries,
  meanAbsolutePercentageError,
  meanAbsoluteScaledError,
  seasonalNaiveForecast,
  seasonalNaiveScale,
} from '../../domain/forecast';

/** A yearly pattern with mean zero: quiet winters, a summer peak. */
const PATTERN = [-20, -25, -10, 0, 5, 15, 30, 25, 10, 0, -10, -20];
const repeat = (years: number, f: (t: number) => number) =>
  Array.from({ length: 12 * years }, (_, t) => f(t));

describe('seasonal naive', () => {
  it('repeats the same month last year', () => {
    // 23 months: the next is month 23, whose month last year is month 11.
    expect(seasonalNaiveForecast([...Array(11).fill(1), 7, ...Array(11).fill(2)])).toBe(7);
    expect(seasonalNaiveForecast(repeat(2, (t) => t))).toBe(12);
    expect(seasonalNaiveForecast([1, 2, 3])).toBeNull();
  });

  it('forecasts a purely seasonal series exactly: MAPE 0, MASE 0, and is chosen', () => {
    const series = repeat(3, (t) => 100 + PATTERN[t % 12]!);
    const naive = backtest('seasonal_naive', series);
    expect(naive.points).toHaveLength(12);
    expect(naive.points.every((p) => p.forecast === p.actual)).toBe(true);
    expect(naive.mape).toBe(0);
    expect(naive.mase).toBe(0);
    const result = forecastSeries(series);
    expect(result.method).toBe('seasonal_naive');
    expect(result.value).toBe(100 + PATTERN[0]!);
    expect(result.mase).toBe(0);
  });
});

describe('Holt-Winters (additive, period 12)', () => {
  // 100 + 2 per month + the pattern + a small deterministic wobble.
  const wobble = (t: number) => ((t * 7) % 5) - 2;
  const trending = repeat(3, (t) => 100 + 2 * t + PATTERN[t % 12]! + wobble(t));

  it('follows a linear trend with seasonality that seasonal naive lags behind', () => {
    const naive = backtest('seasonal_naive', trending);
    const hw = backtest('holt_winters', trending);
    // Last year's value misses a whole year of growth: 24 a month, give or take the wobble.
    expect(naive.mae).toBeGreaterThan(20);
    expect(hw.mae!).toBeLessThan(naive.mae! / 4);
    expect(hw.mase!).toBeLessThan(naive.mase!);
    const result = forecastSeries(trending);
    expect(result.method).toBe('holt_winters');
    expect(result.mase).toBe(hw.mase);
    // Month 36 is a January: 100 + 72 − 20 = 152 without the wobble.
    expect(result.value!).toBeGreaterThan(146);
    expect(result.value!).toBeLessThan(158);
  });

  it('is exact on a noiseless trend with seasonality from its initialisation on', () => {
    const clean = repeat(2, (t) => 50 + 3 * t + PATTERN[t % 12]!);
    const fit = fitHoltWinters(clean)!;
    expect(fit.sse).toBeCloseTo(0, 6);
    expect(fit.next).toBeCloseTo(50 + 3 * 24 + PATTERN[0]!, 6);
  });

  it('needs a year of data; a year alone gives last year again', () => {
    expect(fitHoltWinters([1, 2, 3])).toBeNull();
    const year = PATTERN.map((p) => 100 + p);
    expect(fitHoltWinters(year)!.next).toBeCloseTo(80, 6);
    expect(forecastSeries([1, 2, 3])).toMatchObject({ method: null, value: null });
  });

  it('never forecasts fewer than zero demands', () => {
    const falling = repeat(2, (t) => Math.max(0, 60 - 3 * t));
    expect(forecastSeries(falling).value).toBeGreaterThanOrEqual(0);
  });
});

describe('accuracy measures', () => {
  it('MAPE skips months with zero actuals', () => {
    const points = [
      { actual: 0, forecast: 5 },
      { actual: 10, forecast: 12 },
      { actual: 20, forecast: 15 },
    ];
    // (2/10 + 5/20) / 2 = 22.5 %; the zero month would make it infinite.
    expect(meanAbsolutePercentageError(points)).toBeCloseTo(22.5, 10);
    expect(meanAbsolutePercentageError([{ actual: 0, forecast: 1 }])).toBeNull();
  });

  it('MASE divides by the in-sample error of last year repeated', () => {
    const series = [...Array(12).fill(10), ...Array(12).fill(14)];
    expect(seasonalNaiveScale(series)).toBe(4);
    expect(meanAbsoluteScaledError([{ actual: 14, forecast: 12 }], 4)).toBe(0.5);
    expect(meanAbsoluteScaledError([{ actual: 14, forecast: 12 }], 0)).toBeNull();
    expect(seasonalNaiveScale(Array(12).fill(1))).toBeNull();
  });

  it('back-tests the last 12 months one step ahead, each from the months before it only', () => {
    const series = repeat(3, (t) => t);
    const naive = backtest('seasonal_naive', series);
    expect(naive.points.map((p) => p.index)).toEqual(Array.from({ length: 12 }, (_, i) => 24 + i));
    expect(naive.points.every((p) => p.actual - p.forecast === 12)).toBe(true);
    // 18 months: only the 6 with a year before them can be tested.
    expect(backtest('seasonal_naive', series.slice(0, 18)).points).toHaveLength(6);
  });
});
