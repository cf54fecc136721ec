import type { LocationQuery } from 'vue-router';
import type { TrendInterval } from '../api/stats';

/** The dashboard's filters; they live in the URL query so a view can be shared. */
export interface DashboardFilters {
  /** First day, `2026-03-02` (Beijing). */
  from: string;
  /** Last day, included. */
  to: string;
  /** A township's code, or '' for the caller's whole area. */
  township: string;
  interval: TrendInterval;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today in Beijing, where the server counts days and months. */
export function beijingToday(now: Date = new Date()): string {
  // en-CA formats as yyyy-MM-dd.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

/** The last 12 months: from the first day of the month eleven months ago up to today. */
export function defaultFilters(now: Date = new Date()): DashboardFilters {
  const today = beijingToday(now);
  const [year, month] = today.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(year, month - 1 - 11, 1));
  return {
    from: start.toISOString().slice(0, 10),
    to: today,
    township: '',
    interval: 'month',
  };
}

function text(query: LocationQuery, name: string): string {
  const value = query[name];
  return typeof value === 'string' ? value : '';
}

/** The filters a link carries; missing or malformed values fall back to the defaults. */
export function fromRouteQuery(query: LocationQuery, now: Date = new Date()): DashboardFilters {
  const filters = defaultFilters(now);
  const from = text(query, 'from');
  const to = text(query, 'to');
  if (DAY.test(from) && DAY.test(to) && from <= to) {
    filters.from = from;
    filters.to = to;
  }
  filters.township = /^\d+$/.test(text(query, 'township')) ? text(query, 'township') : '';
  const interval = text(query, 'interval');
  if (interval === 'day' || interval === 'month') filters.interval = interval;
  return filters;
}

export function toRouteQuery(filters: DashboardFilters): Record<string, string> {
  const query: Record<string, string> = {
    from: filters.from,
    to: filters.to,
    interval: filters.interval,
  };
  if (filters.township) query.township = filters.township;
  return query;
}
