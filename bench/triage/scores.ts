import {
  accuracy,
  agreement,
  duplicateGroups,
  emergencyRecall,
  falseDiversionRate,
  falseMergeRate,
  macroF1,
  pairwiseDuplicateScores,
  percentile,
  type LabelPair,
} from '../../test/support/triage-metrics';
import type { ReplayedDemand } from './replay';

/** The numbers `npm run bench:triage` prints, for one replay. */
export interface TriageScores {
  demands: number;
  emergencies: number;
  emergencyRecall: number;
  falseDiversions: number;
  duplicate: { precision: number; recall: number; f1: number };
  hardNegatives: number;
  falseMerges: number;
  outcomeAccuracy: number;
  category: { accuracy: number; macroF1: number };
  domain: { accuracy: number; macroF1: number };
  tier: { accuracy: number; macroF1: number };
  leadUnitAgreement: number;
  perSecond: number;
  p50Millis: number;
  p99Millis: number;
}

/** Pairs of (label, proposed) over the demands that carry the label. */
function pairs(
  replayed: readonly ReplayedDemand[],
  truth: (demand: ReplayedDemand) => string | null,
  proposed: (demand: ReplayedDemand) => string | null,
): LabelPair[] {
  return replayed.flatMap((demand) => {
    const label = truth(demand);
    return label === null ? [] : [[label, proposed(demand)] as const];
  });
}

export function scoreReplay(replayed: readonly ReplayedDemand[]): TriageScores {
  const emergencyRows = replayed.map((demand) => ({
    trueNumber: demand.fixture.labels.emergencyNumber,
    divertedTo: demand.suggestion.divertedTo,
  }));
  const trueGroups = duplicateGroups(
    replayed.map(({ fixture }) => ({ id: fixture.id, duplicateOf: fixture.labels.duplicateOf })),
  );
  const proposedGroups = duplicateGroups(
    replayed.map((demand) => ({ id: demand.fixture.id, duplicateOf: demand.duplicateOf })),
  );
  const hardNegatives = replayed
    .filter(({ fixture }) => fixture.labels.hardNegativeOf !== null)
    .map(({ fixture }) => ({ id: fixture.id }));
  const proposedDuplicateOf = new Map(
    replayed.map((demand) => [demand.fixture.id, demand.duplicateOf]),
  );
  const valid = replayed.filter(({ fixture }) => fixture.labels.outcome === 'valid');
  const head = (field: 'category' | 'domain' | 'tier') => {
    const labelled = pairs(
      valid,
      (d) => d.fixture.labels[field],
      (d) => d.suggestion[field],
    );
    return { accuracy: accuracy(labelled), macroF1: macroF1(labelled) };
  };
  const millis = replayed.map((demand) => demand.millis);
  const total = millis.reduce((sum, value) => sum + value, 0);
  return {
    demands: replayed.length,
    emergencies: emergencyRows.filter((row) => row.trueNumber !== null).length,
    emergencyRecall: emergencyRecall(emergencyRows),
    falseDiversions: falseDiversionRate(emergencyRows),
    duplicate: pairwiseDuplicateScores(proposedGroups, trueGroups),
    hardNegatives: hardNegatives.length,
    falseMerges: falseMergeRate(hardNegatives, proposedDuplicateOf),
    outcomeAccuracy: accuracy(
      pairs(
        replayed,
        (d) => d.fixture.labels.outcome,
        (d) => d.outcome,
      ),
    ),
    category: head('category'),
    domain: head('domain'),
    tier: head('tier'),
    leadUnitAgreement: agreement(
      pairs(
        valid,
        (d) => d.fixture.labels.leadUnitCode,
        (d) => d.suggestion.leadUnitCode,
      ),
    ),
    perSecond: (replayed.length / total) * 1000,
    p50Millis: percentile(millis, 50),
    p99Millis: percentile(millis, 99),
  };
}
