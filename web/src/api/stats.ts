import { queryString, request } from './http';
import type { UnitRef } from './types';

/** The shapes of `GET /api/stats/*` (server/README.md "Statistics"). */

export type TrendInterval = 'day' | 'month';
export type HotspotLevel = 'village' | 'grid' | 'township';
export type ForecastMethod = 'seasonal_naive' | 'holt_winters';

interface StatsAnswer {
  /** The narrowest unit covered; null: everything (auditors). */
  area: { unit: UnitRef | null };
}

export interface Overview extends StatsAnswer {
  from: string;
  to: string;
  total: number;
  screening: { valid: number; screenedOut: number; diverted: number; pending: number };
  byStatus: { status: string; label: string; count: number }[];
  byCategory: { category: string | null; label: string; count: number; share: number }[];
  byDomain: { domain: string | null; label: string; count: number; share: number }[];
  trend: { interval: TrendInterval; points: { period: string; count: number }[] };
  /** Demands of the period resolved by now (screened-out ones left out). */
  resolved: number;
  /** As the rankings measure them (0–1); null when there was nothing to measure. */
  onTimeRate: number | null;
  satisfactionRate: number | null;
}

export interface Hotspots extends StatsAnswer {
  from: string;
  to: string;
  level: HotspotLevel;
  domain: string | null;
  places: {
    unit: UnitRef;
    total: number;
    domains: { domain: string | null; label: string; count: number }[];
  }[];
  unplaced: number;
  recurring: {
    months: string[];
    minMonths: number;
    items: {
      unit: UnitRef;
      domain: string | null;
      label: string;
      months: number;
      counts: number[];
      total: number;
    }[];
  };
}

export interface BacktestError {
  mape: number | null;
  mase: number | null;
  mae: number | null;
}

export interface ForecastSeries {
  domain: string;
  label: string;
  history: { month: string; count: number }[];
  forecast: BacktestError & {
    month: string;
    value: number | null;
    method: ForecastMethod | null;
  };
  backtest: (BacktestError & { method: ForecastMethod; months: number })[];
}

export interface Forecast extends StatsAnswer {
  domain: string | null;
  month: string;
  months: { month: string; source: 'live' | 'history' }[];
  series: (ForecastSeries & { township: UnitRef })[];
  totals: ForecastSeries[];
}

/** `from`/`to` are days (`2026-03-02`, `to` included); `township` narrows to one township. */
export interface PeriodQuery {
  from?: string;
  to?: string;
  township?: string;
}

export function getOverview(query: PeriodQuery & { interval?: TrendInterval }): Promise<Overview> {
  return request<Overview>('GET', `/stats/overview${queryString({ ...query })}`);
}

export function getHotspots(
  query: PeriodQuery & { level?: HotspotLevel; domain?: string },
): Promise<Hotspots> {
  return request<Hotspots>('GET', `/stats/hotspots${queryString({ ...query })}`);
}

/** `month` defaults to the current one (the latest the server forecasts). */
export function getForecast(query: {
  month?: string;
  township?: string;
  domain?: string;
}): Promise<Forecast> {
  return request<Forecast>('GET', `/stats/forecast${queryString({ ...query })}`);
}
