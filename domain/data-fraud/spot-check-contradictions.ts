import { byCode, groupBy, percent, quoteDemands, type FraudFinding } from './finding';
import type { DataFraudPolicy } from './policy';

/** One spot-check visit (抽查回访) of a closure the unit made, made in the period. */
export interface VisitFact {
  unitCode: string;
  demandCode: string;
  result: 'confirmed' | 'contradicted' | 'unreachable';
}

/**
 * 抽查否定率: each contradicted closure is a false closure already; when the citizens
 * contradict a large share of a unit's sampled closures, its reported results as a whole are
 * not to be trusted. Visits that reached nobody say nothing either way and are left out.
 */
export function detectSpotCheckContradictions(
  visits: readonly VisitFact[],
  policy: DataFraudPolicy,
  periodLabel: string,
): FraudFinding[] {
  const rule = policy.spotCheckContradictions;
  if (!rule) return [];
  const findings: FraudFinding[] = [];
  for (const [unitCode, rows] of groupBy(visits, (v) => v.unitCode)) {
    const reached = rows.filter((v) => v.result !== 'unreachable');
    const contradicted = [
      ...new Set(reached.filter((v) => v.result === 'contradicted').map((v) => v.demandCode)),
    ].sort(byCode);
    if (reached.length < rule.visitedAtLeast || contradicted.length === 0) continue;
    const share = contradicted.length / reached.length;
    if (share < rule.shareAtLeast) continue;
    findings.push({
      unitCode,
      signal: 'spot_check_contradictions',
      reason:
        `${periodLabel}抽查回访否定率过高：回访核实${reached.length}件，群众否定办结${contradicted.length}件` +
        `（${percent(share)}，达到${percent(rule.shareAtLeast)}；${quoteDemands(contradicted)}）`,
      evidence: { demandCodes: contradicted, count: contradicted.length, of: reached.length },
    });
  }
  return findings;
}
