/**
 * Forecasting monthly demand counts (未诉先办: act on seasonal demands before they come):
 * two methods, a rolling-origin back-test that picks one per series, and the demo history.
 * Pure functions over arrays of monthly counts, oldest first.
 */
export {
  SEASON,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanAbsoluteScaledError,
  seasonalNaiveScale,
  type ForecastPoint,
} from './accuracy';
export { seasonalNaiveForecast } from './seasonal-naive';
export {
  fitHoltWinters,
  holtWintersFilter,
  type HoltWintersFit,
  type HoltWintersParameters,
} from './holt-winters';
export {
  BACKTEST_MONTHS,
  FORECAST_METHODS,
  backtest,
  forecastNext,
  forecastSeries,
  type ForecastMethod,
  type MethodBacktest,
  type SeriesForecast,
} from './backtest';
export { addMonths, isMonth, monthOfYear, monthsBefore } from './months';
export {
  generateDemoHistory,
  type DemoHistoryTownship,
  type MonthlyDemandCount,
} from './demo-history';
export { seasonalFactor } from './demo-seasons';
