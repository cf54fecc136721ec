import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { DOMAIN_LABELS, type Domain } from '../../domain/demand';
import { addMonths } from '../../domain/forecast';
import { API_TIME_ZONE } from '../http';
import { beijingPeriodSql, demandsIn } from './demand-times';
import type { StatsArea } from './stats-area';
import type { Period } from './stats-params';

export const HOTSPOT_LEVELS = ['village', 'grid', 'township'] as const;
export type HotspotLevel = (typeof HOTSPOT_LEVELS)[number];

/** A matter recurs when its place and domain have demands in 3 or more of the last 6 months. */
export const RECURRING_WINDOW_MONTHS = 6;
export const RECURRING_MIN_MONTHS = 3;

interface PlaceRow {
  code: string;
  name: string;
  domain: string | null;
  count: string | number;
}

interface MonthRow extends PlaceRow {
  month: string;
}

const label = (domain: string | null) =>
  domain === null ? '未分类' : (DOMAIN_LABELS[domain as Domain] ?? domain);

function placeCounts(
  knex: Knex,
  area: StatsArea,
  period: Period,
  level: HotspotLevel,
  domain: Domain | null,
) {
  const column = `d.${level}_code`;
  const query = demandsIn(knex, area, period)
    .join('org_units as u', 'u.code', column)
    .select('u.code', 'u.name', 'd.domain')
    .count('* as count')
    .groupBy('u.code', 'u.name', 'd.domain');
  if (domain) query.where('d.domain', domain);
  return query;
}

/**
 * Where demands gather (热点): counts per place at one level of the org tree and per domain,
 * busiest place first; and the recurring matters of the six months ending with the month of
 * `to` — the places where one domain came up in at least three of them, with its monthly counts
 * (high-frequency matters that may deserve a policy answer rather than case by case handling).
 * Demands not placed down to that level (a township's own, or no grid) are counted as `unplaced`.
 */
export async function hotspots(
  knex: Knex,
  area: StatsArea,
  period: Period,
  level: HotspotLevel,
  domain: Domain | null,
) {
  const lastMonth = DateTime.fromJSDate(new Date(period.to.getTime() - 1))
    .setZone(API_TIME_ZONE)
    .toFormat('yyyy-MM');
  const months = Array.from({ length: RECURRING_WINDOW_MONTHS }, (_, i) =>
    addMonths(lastMonth, i - RECURRING_WINDOW_MONTHS + 1),
  );
  const window: Period = {
    from: DateTime.fromISO(`${months[0]}-01`, { zone: API_TIME_ZONE }).toJSDate(),
    to: DateTime.fromISO(`${lastMonth}-01`, { zone: API_TIME_ZONE }).plus({ months: 1 }).toJSDate(),
  };
  const unplacedQuery = demandsIn(knex, area, period)
    .whereNull(`d.${level}_code`)
    .count<{ count: string }[]>('* as count');
  if (domain) unplacedQuery.where('d.domain', domain);
  const [rows, monthRows, unplaced] = await Promise.all([
    placeCounts(knex, area, period, level, domain) as unknown as Promise<PlaceRow[]>,
    placeCounts(knex, area, window, level, domain)
      .select(knex.raw(`${beijingPeriodSql('month')} AS month`))
      .groupByRaw(beijingPeriodSql('month')) as unknown as Promise<MonthRow[]>,
    unplacedQuery,
  ]);

  const places = new Map<
    string,
    {
      unit: { code: string; name: string };
      total: number;
      domains: { domain: string | null; label: string; count: number }[];
    }
  >();
  for (const row of rows) {
    const place = places.get(row.code) ?? {
      unit: { code: row.code, name: row.name },
      total: 0,
      domains: [],
    };
    const count = Number(row.count);
    place.total += count;
    place.domains.push({ domain: row.domain, label: label(row.domain), count });
    places.set(row.code, place);
  }
  for (const place of places.values())
    place.domains.sort(
      (a, b) => b.count - a.count || String(a.domain).localeCompare(String(b.domain)),
    );

  const matters = new Map<
    string,
    { unit: { code: string; name: string }; domain: string | null; counts: number[] }
  >();
  for (const row of monthRows) {
    const key = `${row.code}\u0000${row.domain}`;
    const matter = matters.get(key) ?? {
      unit: { code: row.code, name: row.name },
      domain: row.domain,
      counts: months.map(() => 0),
    };
    matter.counts[months.indexOf(row.month)] = Number(row.count);
    matters.set(key, matter);
  }
  const recurring = [...matters.values()]
    .map((m) => ({
      unit: m.unit,
      domain: m.domain,
      label: label(m.domain),
      months: m.counts.filter((n) => n > 0).length,
      counts: m.counts,
      total: m.counts.reduce((a, b) => a + b, 0),
    }))
    .filter((m) => m.months >= RECURRING_MIN_MONTHS)
    .sort(
      (a, b) => b.months - a.months || b.total - a.total || a.unit.code.localeCompare(b.unit.code),
    );

  return {
    places: [...places.values()].sort(
      (a, b) => b.total - a.total || a.unit.code.localeCompare(b.unit.code),
    ),
    unplaced: Number(unplaced[0]?.count ?? 0),
    recurring: { months, minMonths: RECURRING_MIN_MONTHS, items: recurring },
  };
}
