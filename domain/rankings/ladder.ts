import type { Period } from './periods';
import { periodYear } from './periods';
import type { LadderStep, RankingPolicy } from './policy';

/** The step of the escalation ladder after `count` black listings (1 → 提醒, 2 → 约谈, 3+ → 问责审查). */
export function ladderStep(count: number, policy: RankingPolicy): LadderStep | null {
  let step: LadderStep | null = null;
  for (const rung of policy.ladder.steps) if (count >= rung.from) step = rung.step;
  return step;
}

/**
 * How many black listings count toward the ladder at `period`: the unit's listed periods of the
 * same kind up to and including this one (within its year when the policy says so). Periods are
 * distinct strings, so recomputing a period never counts it twice.
 */
export function listingCount(
  listedPeriods: readonly string[],
  period: Pick<Period, 'period'>,
  policy: RankingPolicy,
): number {
  const year = periodYear(period.period);
  return new Set(
    listedPeriods.filter(
      (p) => p <= period.period && (policy.ladder.countWithin === 'all' || periodYear(p) === year),
    ),
  ).size;
}

export const LADDER_LABELS: Record<LadderStep, string> = {
  reminder: '提醒',
  talk: '约谈',
  formal_review: '问责审查',
};
