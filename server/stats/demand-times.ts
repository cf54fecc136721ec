import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { API_TIME_ZONE } from '../http';
import type { Period } from './stats-params';
import { restrictToArea, type StatsArea } from './stats-area';

/**
 * A demand's time for statistics is when the citizen raised it (API.md `submittedAt`), or its
 * receipt when that is unknown; days and months are Beijing's.
 */
export const DEMAND_TIME = 'coalesce(d.submitted_at, d.received_at)';

export function beijingPeriodSql(unit: 'day' | 'month'): string {
  const format = unit === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM';
  return `to_char(${DEMAND_TIME} AT TIME ZONE '${API_TIME_ZONE}', '${format}')`;
}

/** The demands of an area within a period, as `d`. */
export function demandsIn(knex: Knex, area: StatsArea, period: Period): Knex.QueryBuilder {
  const query = knex('demands as d')
    .whereRaw(`${DEMAND_TIME} >= ?`, [period.from])
    .whereRaw(`${DEMAND_TIME} < ?`, [period.to]);
  return restrictToArea(query, area, 'd');
}

/** Every Beijing day or month a period touches, in order (`2026-03-02` or `2026-03`). */
export function periodsOf(period: Period, unit: 'day' | 'month'): string[] {
  const format = unit === 'day' ? 'yyyy-MM-dd' : 'yyyy-MM';
  const last = DateTime.fromJSDate(new Date(period.to.getTime() - 1)).setZone(API_TIME_ZONE);
  let at = DateTime.fromJSDate(period.from).setZone(API_TIME_ZONE).startOf(unit);
  const out: string[] = [];
  while (at <= last) {
    out.push(at.toFormat(format));
    at = at.plus(unit === 'day' ? { days: 1 } : { months: 1 });
  }
  return out;
}
