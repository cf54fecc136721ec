export { statsRouter, type StatsRoutesOptions } from './stats-routes';
export { statsReachOf, type StatsArea } from './stats-area';
export { HOTSPOT_LEVELS, RECURRING_MIN_MONTHS, RECURRING_WINDOW_MONTHS } from './hotspots';
export { FORECAST_HISTORY_MONTHS } from './forecast-report';
