import type { Knex } from 'knex';
import type { ClosureFact, FraudFacts, SignatureFact, VisitFact } from '../../domain/data-fraud';
import type { Period } from '../../domain/rankings';

/**
 * The staff signatures of each sign-off round completed in the period (its last approving
 * staff signature falls in it), held against the demand's responsible unit. A round is judged
 * whole in the period it ended, so a person signing one part on the 31st and another on the 1st
 * is still seen.
 */
const SIGNATURES_SQL = `
  WITH rounds AS (
    SELECT demand_id, round FROM sign_offs
     WHERE party <> 'citizen' AND signer_user_id IS NOT NULL AND approved
     GROUP BY demand_id, round
    HAVING max(signed_at) >= ? AND max(signed_at) < ?)
  SELECT d.responsible_unit_code AS unit_code, d.code AS demand_code, s.round, s.party,
         s.signer_user_id::text AS signer_id
    FROM sign_offs s
    JOIN rounds r ON r.demand_id = s.demand_id AND r.round = s.round
    JOIN demands d ON d.id = s.demand_id
   WHERE s.party <> 'citizen' AND s.signer_user_id IS NOT NULL AND s.approved
     AND d.responsible_unit_code IS NOT NULL
   ORDER BY d.code, s.round, s.party`;

/**
 * Demands resolved in the period, by the lead unit they were resolved under (the latest lead
 * assignment made before resolving that was not objected to) and when it was made.
 */
const CLOSURES_SQL = `
  SELECT a.unit_code, d.code AS demand_code, d.category, a.assigned_at, d.resolved_at, d.result
    FROM demands d
    JOIN LATERAL (
      SELECT l.unit_code, l.assigned_at FROM assignments l
       WHERE l.demand_id = d.id AND l.role = 'lead' AND l.status <> 'objected'
         AND l.assigned_at <= d.resolved_at
       ORDER BY l.assigned_at DESC, l.id DESC LIMIT 1) a ON true
   WHERE d.resolved_at >= ? AND d.resolved_at < ?
   ORDER BY d.code`;

/** Spot-check visits made in the period, held against the unit that closed the demand. */
const VISITS_SQL = `
  SELECT s.unit_code, d.code AS demand_code, s.result
    FROM spot_checks s
    JOIN demands d ON d.id = s.demand_id
   WHERE s.visited_at >= ? AND s.visited_at < ? AND s.result IS NOT NULL
   ORDER BY d.code`;

interface SignatureRow {
  unit_code: string;
  demand_code: string;
  round: number;
  party: SignatureFact['party'];
  signer_id: string;
}
interface ClosureRow {
  unit_code: string;
  demand_code: string;
  category: string | null;
  assigned_at: Date;
  resolved_at: Date;
  result: string | null;
}
interface VisitRow {
  unit_code: string;
  demand_code: string;
  result: VisitFact['result'];
}

/** What the detectors need of the period: sign-off rounds, closures and spot-check visits. */
export async function fraudFacts(
  knex: Knex | Knex.Transaction,
  period: Pick<Period, 'start' | 'end'>,
): Promise<FraudFacts> {
  const bounds = [period.start, period.end];
  const rows = async <T>(sql: string) => (await knex.raw<{ rows: T[] }>(sql, bounds)).rows;
  const signatures = (await rows<SignatureRow>(SIGNATURES_SQL)).map((r): SignatureFact => ({
    unitCode: r.unit_code,
    demandCode: r.demand_code,
    round: r.round,
    party: r.party,
    signerId: r.signer_id,
  }));
  const closures = (await rows<ClosureRow>(CLOSURES_SQL)).map((r): ClosureFact => ({
    unitCode: r.unit_code,
    demandCode: r.demand_code,
    category: r.category,
    assignedAt: r.assigned_at,
    resolvedAt: r.resolved_at,
    result: r.result,
  }));
  const visits = (await rows<VisitRow>(VISITS_SQL)).map((r): VisitFact => ({
    unitCode: r.unit_code,
    demandCode: r.demand_code,
    result: r.result,
  }));
  return { signatures, closures, visits };
}
