import type { Knex } from 'knex';
import type { Satisfaction } from '../../domain/demand';
import { loadRankingPolicy, measureUnit, type LedDemand } from '../../domain/rankings';
import { screenedOutSql } from '../../workers/rankings';
import { demandsIn } from './demand-times';
import type { StatsArea } from './stats-area';
import type { Period } from './stats-params';

interface RateRow {
  code: string;
  screened_out: boolean;
  resolved_at: Date | null;
  resolution_due: Date | null;
  satisfaction: Satisfaction | null;
}

export interface OverviewRates {
  /** Demands of the period resolved by now (screened-out ones are nobody's work). */
  resolved: number;
  /** Resolved within the resolution deadline ÷ (resolved + past the deadline unresolved). */
  onTimeRate: number | null;
  /** (满意 + credit × 基本满意) ÷ answers; the credit is the ranking policy's. */
  satisfactionRate: number | null;
}

const rounded = (rate: number | null) =>
  rate === null ? null : Math.round(rate * 10_000) / 10_000;

/**
 * The on-time and satisfaction rates of the demands raised in the period, measured exactly as
 * the rankings measure a unit (`measureUnit` of domain/rankings, with the same policy and the
 * same screened-out rule), as if the area were one unit, as of `asOf`. Null when there was
 * nothing to measure: no demands is not 0%.
 */
export async function overviewRates(
  knex: Knex,
  area: StatsArea,
  period: Period,
  asOf: Date,
): Promise<OverviewRates> {
  const rows = (await demandsIn(knex, area, period)
    .leftJoin('demand_clocks as sc', (on) =>
      on.on('sc.demand_id', 'd.id').andOnVal('sc.kind', 'resolution'),
    )
    .select(
      'd.code',
      knex.raw(`${screenedOutSql('d')} AS screened_out`),
      'd.resolved_at',
      'sc.due_at as resolution_due',
      'd.satisfaction',
    )) as RateRow[];
  const demands: LedDemand[] = rows.map((row) => ({
    demandCode: row.code,
    screenedOut: row.screened_out,
    // The response rate is a unit's acceptance; the overview does not show it.
    acceptedAt: null,
    responseDue: null,
    resolvedAt: row.resolved_at,
    resolutionDue: row.resolution_due,
    satisfaction: row.satisfaction,
  }));
  const { counts, rates } = measureUnit(demands, 0, loadRankingPolicy(), asOf);
  return {
    resolved: counts.resolved,
    onTimeRate: rounded(rates.onTime),
    satisfactionRate: rounded(rates.satisfaction),
  };
}
