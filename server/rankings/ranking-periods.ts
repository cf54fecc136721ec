import type { Knex } from 'knex';
import type { PeriodKind } from '../../domain/rankings';
import { isoWithOffset } from '../http';
import type { RankingAudience } from './ranking-access';
import { DISTRICT_SQL } from './ranking-rows';

export interface RankedPeriod {
  period: string;
  kind: PeriodKind;
  /** When the ranking of that period was (last) computed. */
  computedAt: string;
}

/**
 * The periods of a kind the ranking process wrote rows for that the audience would see
 * (their district, their group's tiers), newest first. Periods of one kind sort as text
 * (`2026-03`, `2026-W10`).
 */
export async function rankedPeriods(
  knex: Knex,
  kind: PeriodKind,
  storedKind: string,
  audience: RankingAudience,
): Promise<RankedPeriod[]> {
  const query = knex
    .from('unit_rankings as r')
    .join('org_units as u', 'u.code', 'r.unit_code')
    .leftJoin('org_units as p1', 'p1.code', 'u.parent_code')
    .leftJoin('org_units as p2', 'p2.code', 'p1.parent_code')
    .leftJoin('org_units as p3', 'p3.code', 'p2.parent_code')
    .where('r.period_kind', storedKind)
    .groupBy('r.period')
    .select('r.period')
    .max<Array<{ period: string; computed_at: Date }>>('r.computed_at as computed_at')
    .orderBy('r.period', 'desc');
  if (audience.kind !== 'all') {
    query.whereRaw(`${DISTRICT_SQL} = ?`, [audience.districtCode]);
  }
  if (audience.kind === 'group') query.whereIn('u.tier', [...audience.tiers]);
  const rows = await query;
  return rows.map((row) => ({
    period: row.period,
    kind,
    computedAt: isoWithOffset(new Date(row.computed_at)),
  }));
}
