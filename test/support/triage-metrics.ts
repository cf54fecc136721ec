/**
 * Scores for the triage benchmark. Pure functions over plain rows so a benchmark run, a test and
 * a report compute the same numbers. A rate whose denominator is empty is NaN: "no emergencies
 * in the sample" must not read as 100 % recall.
 */
import type { EmergencyNumber } from '../../domain/demand/vocabulary';

export {
  loadTriageFixtures,
  type TriageFixture,
  type TriageFixtureLabels,
} from './triage-fixtures';

/** One demand: the emergency number it truly needs (null: none) and where triage diverted it. */
export interface EmergencyRow {
  trueNumber: EmergencyNumber | null;
  divertedTo: EmergencyNumber | null;
}

/** (truth, prediction); a missing prediction (null) counts as wrong. */
export type LabelPair = readonly [truth: string, predicted: string | null];

export interface PairwiseScores {
  precision: number;
  recall: number;
  f1: number;
}

function share(hits: number, total: number): number {
  return total === 0 ? Number.NaN : hits / total;
}

/**
 * Share of true emergencies that triage diverted to any emergency number: a wrong number still
 * reaches a centre that passes it on, a missed one waits in the queue.
 */
export function emergencyRecall(rows: readonly EmergencyRow[]): number {
  const emergencies = rows.filter((r) => r.trueNumber !== null);
  return share(emergencies.filter((r) => r.divertedTo !== null).length, emergencies.length);
}

/** Share of non-emergencies that triage diverted anyway (citizens sent away from a valid demand). */
export function falseDiversionRate(rows: readonly EmergencyRow[]): number {
  const ordinary = rows.filter((r) => r.trueNumber === null);
  return share(ordinary.filter((r) => r.divertedTo !== null).length, ordinary.length);
}

/**
 * Groups of two or more ids from duplicate links (id → the earlier demand it repeats, or null),
 * following chains to their root, so a→b→c is one group {a, b, c}.
 */
export function duplicateGroups(
  links: ReadonlyArray<{ id: string; duplicateOf: string | null }>,
): string[][] {
  const parent = new Map(links.map((l) => [l.id, l.duplicateOf]));
  const rootOf = (id: string): string => {
    const seen = new Set<string>();
    let current = id;
    for (let next = parent.get(current); next && !seen.has(next); next = parent.get(current)) {
      seen.add(current);
      current = next;
    }
    return current;
  };
  const groups = new Map<string, string[]>();
  for (const { id, duplicateOf } of links) {
    if (duplicateOf === null) continue;
    const root = rootOf(id);
    const group = groups.get(root) ?? [root];
    if (!group.includes(id)) group.push(id);
    groups.set(root, group);
  }
  return [...groups.values()];
}

function pairsOf(groups: readonly (readonly string[])[]): Set<string> {
  const pairs = new Set<string>();
  for (const group of groups) {
    const ids = [...new Set(group)].sort();
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) pairs.add(`${ids[i]}\u0000${ids[j]}`);
  }
  return pairs;
}

/**
 * Precision, recall and F1 over unordered pairs of demands placed in one group. With no
 * predicted pairs precision is 1 (nothing wrongly joined); with no true pairs recall is 1.
 */
export function pairwiseDuplicateScores(
  predictedGroups: readonly (readonly string[])[],
  trueGroups: readonly (readonly string[])[],
): PairwiseScores {
  const predicted = pairsOf(predictedGroups);
  const truth = pairsOf(trueGroups);
  const correct = [...predicted].filter((p) => truth.has(p)).length;
  const precision = predicted.size === 0 ? 1 : correct / predicted.size;
  const recall = truth.size === 0 ? 1 : correct / truth.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/**
 * Share of hard negatives (demands that resemble an earlier one but are not repeats) that
 * triage merged into any demand. `predictedDuplicateOf` maps id → predicted original (absent or
 * null: not merged).
 */
export function falseMergeRate(
  hardNegatives: ReadonlyArray<{ id: string }>,
  predictedDuplicateOf: ReadonlyMap<string, string | null>,
): number {
  const merged = hardNegatives.filter((h) => (predictedDuplicateOf.get(h.id) ?? null) !== null);
  return share(merged.length, hardNegatives.length);
}

/** Share of pairs whose prediction equals the truth. */
export function accuracy(pairs: readonly LabelPair[]): number {
  return share(pairs.filter(([truth, predicted]) => truth === predicted).length, pairs.length);
}

/**
 * Unweighted mean of per-class F1 (2·TP / (2·TP + FP + FN)) over classes that occur as truth or
 * prediction; a class with neither support nor predictions does not exist here, so it cannot
 * inflate or deflate the mean.
 */
export function macroF1(pairs: readonly LabelPair[]): number {
  const classes = new Set<string>();
  for (const [truth, predicted] of pairs) {
    classes.add(truth);
    if (predicted !== null) classes.add(predicted);
  }
  if (classes.size === 0) return Number.NaN;
  let sum = 0;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const [truth, predicted] of pairs) {
      if (truth === c && predicted === c) tp++;
      else if (predicted === c) fp++;
      else if (truth === c) fn++;
    }
    sum += (2 * tp) / (2 * tp + fp + fn);
  }
  return sum / classes.size;
}

/**
 * Agreement on the lead unit: share of (true lead code, suggested lead code) pairs that name the
 * same unit. Kept apart from accuracy so reports say what was compared.
 */
export function agreement(pairs: readonly LabelPair[]): number {
  return accuracy(pairs);
}

/**
 * The p-th percentile (0–100) with linear interpolation between closest ranks (as numpy's
 * default), e.g. p95 of suggestion latencies. NaN for no values.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (p < 0 || p > 100 || Number.isNaN(p))
    throw new RangeError(`percentile ${p} is not within 0–100`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return lower + (upper - lower) * (rank - below);
}
