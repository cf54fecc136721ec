import type { Knex } from 'knex';
import type { Satisfaction } from '../../domain/demand';
import type { LedDemand, Period, UnitInput } from '../../domain/rankings';

interface LeadRow {
  unit_code: string;
  code: string;
  screened_out: boolean;
  still_lead: boolean;
  accepted_at: Date | null;
  response_due: Date | null;
  resolution_due: Date | null;
  resolved_at: Date | null;
  satisfaction: Satisfaction | null;
}

/**
 * Whether the demand (as `alias`) was screened out — invalid, diverted, merged — and so is no
 * unit's work to measure. The dashboards' rates use the same rule as the rankings.
 */
export function screenedOutSql(alias: string): string {
  return `(${alias}.status IN ('diverted', 'merged', 'closed_invalid')
           OR coalesce(${alias}.screening_outcome, 'valid') <> 'valid')`;
}

/**
 * Lead assignments made in the period (one per demand and unit, the latest), with what the
 * rates need. A lead withdrawn by escalation is the unit's demand all the same, but what
 * happened after it left (resolution, the citizen's answer) is not its work. A lead that
 * objected and was re-dispatched (`objected`) was never the unit's to handle.
 */
const LEADS_SQL = `
  SELECT DISTINCT ON (a.demand_id, a.unit_code)
         a.unit_code,
         d.code,
         ${screenedOutSql('d')} AS screened_out,
         (a.status <> 'withdrawn') AS still_lead,
         (SELECT min(h.at) FROM demand_history h
           WHERE h.demand_id = d.id AND h.action = 'handling.accept'
             AND h.at >= a.assigned_at AND (a.ended_at IS NULL OR h.at <= a.ended_at)) AS accepted_at,
         rc.due_at AS response_due,
         sc.due_at AS resolution_due,
         CASE WHEN d.resolved_at >= a.assigned_at THEN d.resolved_at END AS resolved_at,
         d.satisfaction
    FROM assignments a
    JOIN demands d ON d.id = a.demand_id
    LEFT JOIN demand_clocks rc ON rc.demand_id = d.id AND rc.kind = 'response'
    LEFT JOIN demand_clocks sc ON sc.demand_id = d.id AND sc.kind = 'resolution'
   WHERE a.role = 'lead' AND a.status <> 'objected'
     AND a.assigned_at >= ? AND a.assigned_at < ?
   ORDER BY a.demand_id, a.unit_code, a.assigned_at DESC, a.id DESC`;

/** Repeats received in the period, by the unit now leading the demand they repeat. */
const REPEATS_SQL = `
  SELECT o.responsible_unit_code AS unit_code, count(*)::integer AS repeats
    FROM demands r
    JOIN demands o ON o.id = r.duplicate_of_demand_id
   WHERE r.received_at >= ? AND r.received_at < ? AND o.responsible_unit_code IS NOT NULL
   GROUP BY o.responsible_unit_code`;

interface UnitRow {
  code: string;
  name: string;
  tier: string;
  parent_code: string | null;
}

/** What every unit that led demands (or got repeats) in the period brings to the ranking. */
export async function rankingFacts(
  trx: Knex | Knex.Transaction,
  period: Period,
): Promise<UnitInput[]> {
  const bounds = [period.start, period.end];
  const leads = (await trx.raw<{ rows: LeadRow[] }>(LEADS_SQL, bounds)).rows;
  const repeats = (
    await trx.raw<{ rows: { unit_code: string; repeats: number }[] }>(REPEATS_SQL, bounds)
  ).rows;
  const units = new Map(
    (await trx<UnitRow>('org_units').select('code', 'name', 'tier', 'parent_code')).map((u) => [
      u.code,
      u,
    ]),
  );
  const districtOf = (code: string): string | null => {
    for (let u = units.get(code), depth = 0; u && depth < 8; depth += 1) {
      if (u.tier === 'district') return u.code;
      u = u.parent_code ? units.get(u.parent_code) : undefined;
    }
    return null;
  };
  const inputs = new Map<string, UnitInput & { demands: LedDemand[] }>();
  const inputOf = (code: string) => {
    let input = inputs.get(code);
    const unit = units.get(code);
    if (!input && unit) {
      input = {
        unit: { code, name: unit.name, tier: unit.tier, districtCode: districtOf(code) },
        demands: [],
        repeats: 0,
      };
      inputs.set(code, input);
    }
    return input;
  };
  for (const row of leads) {
    inputOf(row.unit_code)?.demands.push({
      demandCode: row.code,
      screenedOut: row.screened_out,
      acceptedAt: row.accepted_at,
      responseDue: row.response_due,
      resolvedAt: row.still_lead ? row.resolved_at : null,
      resolutionDue: row.resolution_due,
      satisfaction: row.still_lead ? row.satisfaction : null,
    });
  }
  for (const row of repeats) {
    const input = inputOf(row.unit_code);
    if (input) input.repeats = row.repeats;
  }
  return [...inputs.values()];
}
