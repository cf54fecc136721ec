import type { Knex } from 'knex';
import type { Period } from '../../domain/rankings';
import { sampleClosures, type SpotCheckPolicy } from '../../domain/spot-checks';

/** One demand to visit again, as the multi-instance visit gets it (processes/README.md). */
export interface SampledCheck {
  spotCheckId: string;
  demandCode: string;
  unitCode: string;
  districtCode: string;
}

interface ClosureRow {
  code: string;
  unit_code: string;
  district_code: string;
}

/**
 * The demands archived in `period` (Beijing month) with the lead unit that closed them. Only
 * archived demands: they are the ones a unit reported resolved and the citizen or the sign-off
 * confirmed, which a false closure (虚假办结) would fake; demands screened out (`closed_invalid`,
 * `diverted`, `merged`) had no lead unit and no result to check.
 */
async function closuresOf(trx: Knex.Transaction, period: Period): Promise<ClosureRow[]> {
  return trx('demands')
    .where({ status: 'archived' })
    .whereNotNull('responsible_unit_code')
    .where('archived_at', '>=', period.start)
    .where('archived_at', '<', period.end)
    .orderBy('code')
    .select<ClosureRow[]>('code', 'responsible_unit_code as unit_code', 'district_code');
}

/**
 * Samples the month's closures per lead unit and stores one `spot_checks` row each. A demand
 * already sampled for the month (another instance for the same month) is not sampled again:
 * only the rows this call added are returned, so their visits are asked for once.
 */
export async function sampleMonth(
  trx: Knex.Transaction,
  period: Period,
  policy: SpotCheckPolicy,
  now: Date,
): Promise<SampledCheck[]> {
  // Two samplings of the same month wait for each other, so neither misses the other's rows.
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`spot-check:${period.period}`]);
  const closures = await closuresOf(trx, period);
  const districtOf = new Map(closures.map((c) => [c.code, c.district_code]));
  const sample = sampleClosures(
    closures.map((c) => ({ demandCode: c.code, unitCode: c.unit_code })),
    policy,
    period.period,
  );
  const added: SampledCheck[] = [];
  for (const pick of sample) {
    const [row] = await trx('spot_checks')
      .insert({
        period: period.period,
        demand_id: trx('demands').where({ code: pick.demandCode }).select('id'),
        unit_code: pick.unitCode,
        sampled_at: now,
      })
      .onConflict(['period', 'demand_id'])
      .ignore()
      .returning<{ id: string }[]>('id');
    if (!row) continue;
    added.push({
      spotCheckId: String(row.id),
      demandCode: pick.demandCode,
      unitCode: pick.unitCode,
      districtCode: districtOf.get(pick.demandCode)!,
    });
  }
  return added;
}
