import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { API_TIME_ZONE } from '../http';
import { beijingPeriodSql, demandsIn } from './demand-times';
import { restrictToArea, type StatsArea } from './stats-area';

/** Demands of one month, township (null: placed only in the district) and domain. */
export interface MonthlyCount {
  districtCode: string;
  townshipCode: string | null;
  domain: string;
  month: string;
  count: number;
}

export type MonthSource = 'live' | 'history' | 'none';

interface Row {
  district_code: string;
  township_code: string | null;
  domain: string;
  month: string;
  count: string | number;
}

const toCount = (row: Row): MonthlyCount => ({
  districtCode: row.district_code,
  townshipCode: row.township_code,
  domain: row.domain,
  month: row.month,
  count: Number(row.count),
});

/**
 * Monthly counts of an area for the given months (oldest first), combining two sources: the
 * demands themselves for every month in which the district has any demand (`live`), and the
 * stored aggregates of `demand_monthly_counts` for the months without (`history`: the months
 * before the system went live). Per district and month one source only, so nothing is counted
 * twice; `sources` says per month which one was used (`live` when any district of the area was). Demands without a domain are left out (they cannot join a domain's series).
 */
export async function monthlyCounts(
  knex: Knex,
  area: StatsArea,
  months: readonly string[],
): Promise<{ counts: MonthlyCount[]; sources: Map<string, MonthSource> }> {
  const sources = new Map<string, MonthSource>(months.map((m) => [m, 'none']));
  if (months.length === 0) return { counts: [], sources };
  const period = {
    from: DateTime.fromISO(`${months[0]}-01`, { zone: API_TIME_ZONE }).toJSDate(),
    to: DateTime.fromISO(`${months[months.length - 1]}-01`, { zone: API_TIME_ZONE })
      .plus({ months: 1 })
      .toJSDate(),
  };
  const month = beijingPeriodSql('month');
  const liveRows = (await demandsIn(knex, area, period)
    .select('d.district_code', 'd.township_code', knex.raw(`coalesce(d.domain, '') AS domain`))
    .select(knex.raw(`${month} AS month`))
    .count('* as count')
    .groupBy('d.district_code', 'd.township_code')
    .groupByRaw(`coalesce(d.domain, ''), ${month}`)) as unknown as Row[];
  // A stored `live` roll-up of a month wins over `history` of the same month.
  const storedRows = (await restrictToArea(
    knex('demand_monthly_counts as c')
      .distinctOn('c.district_code', 'c.township_code', 'c.domain', 'c.month')
      .select('c.district_code', 'c.township_code', 'c.domain', 'c.month', 'c.count')
      .whereIn('c.month', months)
      .orderBy(['c.district_code', 'c.township_code', 'c.domain', 'c.month'])
      .orderByRaw(`c.source = 'live' DESC`),
    area,
    'c',
  )) as Row[];

  // Whether a month is live is the district's matter, not the township's: a township without
  // demands in a month the district was live had none, and its history must not stand in.
  const district = { ...area, townshipCode: null };
  const liveMonthRows = (await demandsIn(knex, district, period).distinct(
    'd.district_code',
    knex.raw(`${month} AS month`),
  )) as unknown as Row[];
  const liveMonths = new Set(liveMonthRows.map((row) => `${row.district_code} ${row.month}`));
  const counts: MonthlyCount[] = [];
  for (const row of liveMonthRows) sources.set(row.month, 'live');
  for (const row of liveRows) {
    if (row.domain !== '') counts.push(toCount(row));
  }
  for (const row of storedRows) {
    if (liveMonths.has(`${row.district_code} ${row.month}`)) continue;
    if (sources.get(row.month) === 'none') sources.set(row.month, 'history');
    counts.push(toCount(row));
  }
  return { counts, sources };
}
