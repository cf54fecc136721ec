import { periodLabel, type Period } from '../rankings';
import type { ClosureFact } from './closure';
import { detectCopiedResults } from './copied-results';
import type { FraudFinding } from './finding';
import { detectHastyClosures } from './hasty-closure';
import type { DataFraudPolicy } from './policy';
import { detectSignerOverlap, type SignatureFact } from './signer-overlap';
import { detectSpotCheckContradictions, type VisitFact } from './spot-check-contradictions';

/** What the period's records hold for the detectors (workers/data-fraud gathers it). */
export interface FraudFacts {
  signatures: SignatureFact[];
  closures: ClosureFact[];
  visits: VisitFact[];
}

/** Every detector over the period's facts; none when the policy skips periods of this kind. */
export function detectDataFraud(
  facts: FraudFacts,
  period: Pick<Period, 'kind' | 'period'>,
  policy: DataFraudPolicy,
): FraudFinding[] {
  if (!policy.periodKinds.includes(period.kind)) return [];
  const label = periodLabel(period);
  return [
    ...detectSignerOverlap(facts.signatures, policy, label),
    ...detectHastyClosures(facts.closures, policy, label),
    ...detectCopiedResults(facts.closures, policy, label),
    ...detectSpotCheckContradictions(facts.visits, policy, label),
  ];
}
