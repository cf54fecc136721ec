import type { LocationQuery } from 'vue-router';
import type { PeriodKind } from '../api/rankings';

const DAY = 86_400_000;

/** The Beijing calendar day of an instant, as a UTC midnight (for date arithmetic only). */
function beijingDay(now: Date): Date {
  const beijing = new Date(now.getTime() + 8 * 3600_000);
  return new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate()));
}

/** The ISO week (`2026-W10`, Monday–Sunday) a Beijing day belongs to. */
export function isoWeekOf(day: Date): string {
  const thursday = new Date(day.getTime() + (4 - (day.getUTCDay() || 7)) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The periods of a kind to pick from, newest first: this one and those before it. */
export function recentPeriods(kind: PeriodKind, now = new Date(), count = 24): string[] {
  const today = beijingDay(now);
  const periods: string[] = [];
  for (let back = 0; back < count; back += 1) {
    if (kind === 'week') {
      periods.push(isoWeekOf(new Date(today.getTime() - back * 7 * DAY)));
    } else {
      const month = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
      periods.push(month.toISOString().slice(0, 7));
    }
  }
  return periods;
}

/** A period offered in the picker; `ranked`: the ranking process has ranked it. */
export interface PeriodChoice {
  period: string;
  ranked: boolean;
}

/**
 * The picker's periods, newest first: the recent ones, every ranked one (however old, or a
 * period ranked ahead of its end) and the one shown. Periods of one kind sort as text.
 */
export function periodChoices(
  kind: PeriodKind,
  ranked: readonly string[],
  shown: string,
  now = new Date(),
): PeriodChoice[] {
  const rankedSet = new Set(ranked);
  const all = new Set([...recentPeriods(kind, now), ...ranked, ...(shown ? [shown] : [])]);
  return [...all]
    .sort((a, b) => b.localeCompare(a))
    .map((period) => ({ period, ranked: rankedSet.has(period) }));
}

export interface RankingFilters {
  kind: PeriodKind;
  /** Empty: the period of that kind that ended last (the server's default). */
  period: string;
}

const PATTERN: Record<PeriodKind, RegExp> = {
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  week: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
};

export function fromRouteQuery(query: LocationQuery): RankingFilters {
  const kind: PeriodKind = query.kind === 'week' ? 'week' : 'month';
  const period = typeof query.period === 'string' ? query.period : '';
  return { kind, period: PATTERN[kind].test(period) ? period : '' };
}

export function toRouteQuery(filters: RankingFilters): Record<string, string> {
  return filters.period ? { kind: filters.kind, period: filters.period } : { kind: filters.kind };
}

/** A rate (0–1) as a percentage with one decimal; a dash when nothing was measured. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}
