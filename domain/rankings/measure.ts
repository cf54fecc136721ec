import type { Satisfaction } from '../demand';
import { RATES, type RankingPolicy, type RateName } from './policy';

/**
 * One demand a unit led (assignment role `lead`) in the period, as far as the rates need it.
 * The times are the unit's own: acceptance (签收) and resolution while it was the lead.
 */
export interface LedDemand {
  demandCode: string;
  /** Screened out (invalid, diverted, merged): not the unit's work to measure. */
  screenedOut: boolean;
  acceptedAt: Date | null;
  responseDue: Date | null;
  resolvedAt: Date | null;
  resolutionDue: Date | null;
  /** The citizen's latest answer (verification), null when not asked yet. */
  satisfaction: Satisfaction | null;
}

export interface UnitCounts {
  /** Lead assignments in the period, screened-out ones included. */
  led: number;
  /** Those not screened out: what the rates are measured on. */
  measured: number;
  /** Accepted, or past the response deadline without acceptance. */
  responseDue: number;
  respondedInTime: number;
  /** Resolved, or past the resolution deadline without resolution. */
  resolutionDue: number;
  resolved: number;
  resolvedOnTime: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  /** Repeat demands received in the period and joined to the unit's demands. */
  repeats: number;
}

export type Rates = Record<RateName, number | null>;

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * Counts and rates of one unit, as of `asOf` (the computation's engine time; what happens after
 * it is not seen, so a recomputation at the same time gives the same numbers). A rate is NULL
 * when there was nothing to measure: no demands is not 0%. A demand still within its deadline
 * and not yet done counts for neither side of that rate.
 */
export function measureUnit(
  demands: readonly LedDemand[],
  repeats: number,
  policy: RankingPolicy,
  asOf: Date,
): { counts: UnitCounts; rates: Rates } {
  const seen = (at: Date | null) => (at !== null && at <= asOf ? at : null);
  const passed = (due: Date | null) => due !== null && due <= asOf;
  const counts: UnitCounts = {
    led: demands.length,
    measured: 0,
    responseDue: 0,
    respondedInTime: 0,
    resolutionDue: 0,
    resolved: 0,
    resolvedOnTime: 0,
    satisfied: 0,
    basicallySatisfied: 0,
    unsatisfied: 0,
    repeats,
  };
  for (const d of demands) {
    if (d.screenedOut) continue;
    counts.measured += 1;
    const accepted = seen(d.acceptedAt);
    if (accepted || passed(d.responseDue)) {
      counts.responseDue += 1;
      if (accepted && (d.responseDue === null || accepted <= d.responseDue)) {
        counts.respondedInTime += 1;
      }
    }
    const resolved = seen(d.resolvedAt);
    if (resolved || passed(d.resolutionDue)) {
      counts.resolutionDue += 1;
      if (resolved) {
        counts.resolved += 1;
        if (d.resolutionDue === null || resolved <= d.resolutionDue) counts.resolvedOnTime += 1;
      }
    }
    if (d.satisfaction === 'satisfied') counts.satisfied += 1;
    else if (d.satisfaction === 'basically_satisfied') counts.basicallySatisfied += 1;
    else if (d.satisfaction === 'unsatisfied') counts.unsatisfied += 1;
  }
  const answered = counts.satisfied + counts.basicallySatisfied + counts.unsatisfied;
  return {
    counts,
    rates: {
      response: ratio(counts.respondedInTime, counts.responseDue),
      resolution: ratio(counts.resolved, counts.resolutionDue),
      satisfaction: ratio(
        counts.satisfied + policy.basicallySatisfiedCredit * counts.basicallySatisfied,
        answered,
      ),
      onTime: ratio(counts.resolvedOnTime, counts.resolutionDue),
    },
  };
}

/**
 * The composite score, 0–100 with two decimals: the weighted mean of the rates that could be
 * measured (a rate with nothing to measure drops out and the other weights carry the score),
 * null when none could.
 */
export function scoreOf(rates: Rates, weights: RankingPolicy['weights']): number | null {
  let sum = 0;
  let weight = 0;
  for (const rate of RATES) {
    const value = rates[rate];
    if (value === null || weights[rate] === 0) continue;
    sum += weights[rate] * value;
    weight += weights[rate];
  }
  return weight === 0 ? null : Math.round((10_000 * sum) / weight) / 100;
}
