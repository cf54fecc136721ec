import type { Knex } from 'knex';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  DOMAIN_LABELS,
  DOMAINS,
  STATUS_LABELS,
  STATUSES,
} from '../../domain/demand';
import { beijingPeriodSql, demandsIn, periodsOf } from './demand-times';
import type { StatsArea } from './stats-area';
import type { Period } from './stats-params';

export const TREND_INTERVALS = ['day', 'month'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];

/** Up to this many days a trend is drawn by day, beyond it by month. */
const DAILY_TREND_MAX_DAYS = 92;

interface Counted {
  key: string | null;
  count: number;
}

const share = (count: number, total: number) =>
  total === 0 ? 0 : Math.round((count / total) * 10_000) / 10_000;

function countsBy(rows: Counted[]): Map<string | null, number> {
  return new Map(rows.map((row) => [row.key, Number(row.count)]));
}

/** The interval a trend is drawn in when the caller does not say. */
export function defaultInterval(period: Period): TrendInterval {
  const days = (period.to.getTime() - period.from.getTime()) / 86_400_000;
  return days <= DAILY_TREND_MAX_DAYS ? 'day' : 'month';
}

/**
 * Totals of the demands raised in a period (all of them, whatever became of them): by status,
 * shares by category and domain, valid against screened out, and the trend by day or month.
 */
export async function overview(
  knex: Knex,
  area: StatsArea,
  period: Period,
  interval: TrendInterval,
) {
  const grouped = (column: string) =>
    demandsIn(knex, area, period)
      .select(knex.raw(`${column} AS key`))
      .count<Counted[]>('* as count')
      .groupByRaw(column);
  const [byStatus, byCategory, byDomain, byOutcome, trend] = await Promise.all([
    grouped('d.status'),
    grouped('d.category'),
    grouped('d.domain'),
    grouped(
      `CASE WHEN d.screening_outcome IS NULL THEN 'pending'
            WHEN d.screening_outcome = 'valid' THEN 'valid'
            WHEN d.screening_outcome LIKE 'divert%' THEN 'diverted'
            ELSE 'screenedOut' END`,
    ),
    grouped(beijingPeriodSql(interval)),
  ]);
  const statuses = countsBy(byStatus);
  const total = [...statuses.values()].reduce((sum, n) => sum + n, 0);
  const categories = countsBy(byCategory);
  const domains = countsBy(byDomain);
  const outcomes = countsBy(byOutcome);
  const perPeriod = countsBy(trend);
  return {
    total,
    screening: {
      valid: outcomes.get('valid') ?? 0,
      screenedOut: outcomes.get('screenedOut') ?? 0,
      diverted: outcomes.get('diverted') ?? 0,
      pending: outcomes.get('pending') ?? 0,
    },
    byStatus: STATUSES.map((status) => ({
      status,
      label: STATUS_LABELS[status],
      count: statuses.get(status) ?? 0,
    })),
    byCategory: [...CATEGORIES, null].map((category) => {
      const count = categories.get(category) ?? 0;
      return {
        category,
        label: category === null ? '未分类' : CATEGORY_LABELS[category],
        count,
        share: share(count, total),
      };
    }),
    byDomain: [...DOMAINS, null].map((domain) => {
      const count = domains.get(domain) ?? 0;
      return {
        domain,
        label: domain === null ? '未分类' : DOMAIN_LABELS[domain],
        count,
        share: share(count, total),
      };
    }),
    trend: {
      interval,
      points: periodsOf(period, interval).map((p) => ({ period: p, count: perPeriod.get(p) ?? 0 })),
    },
  };
}
