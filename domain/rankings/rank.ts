import { measureUnit, scoreOf, type LedDemand, type Rates, type UnitCounts } from './measure';
import type { ListSize, RankingPolicy } from './policy';

/** A unit with what it led in the period. */
export interface UnitInput {
  unit: { code: string; name: string; tier: string; districtCode: string | null };
  demands: readonly LedDemand[];
  repeats: number;
}

export type ListName = 'red' | 'black' | 'none';

export interface UnitResult {
  unit: UnitInput['unit'];
  /** The comparable group (分档分类), null for a tier no group ranks. */
  group: string | null;
  counts: UnitCounts;
  rates: Rates;
  score: number | null;
  /** Null when not ranked: no group, fewer demands than the minimum, or nothing measurable. */
  rank: number | null;
  list: ListName;
}

function listLength(size: ListSize, groupSize: number): number {
  const wanted = 'count' in size ? size.count : Math.floor(groupSize * size.share);
  // Red and black never take more than half each, so a unit is never on both.
  return Math.min(wanted, Math.floor(groupSize / 2));
}

/**
 * Every unit measured, scored and ranked within its group (one group per district and
 * comparable kind: villages with villages, townships with townships, departments with
 * departments). Ranks are competition ranks (equal scores share a rank). The red list holds the
 * units ranked within the red size from the top, the black list those within the black size from
 * the bottom; equal scores at the edge of a list are all on it or, when that would put a unit on
 * both lists, on neither.
 */
export function rankUnits(
  units: readonly UnitInput[],
  policy: RankingPolicy,
  asOf: Date,
): UnitResult[] {
  const results: UnitResult[] = units.map((input) => {
    const { counts, rates } = measureUnit(input.demands, input.repeats, policy, asOf);
    const group = policy.groups.find((g) => g.tiers.includes(input.unit.tier))?.group ?? null;
    return {
      unit: input.unit,
      group,
      counts,
      rates,
      score: scoreOf(rates, policy.weights),
      rank: null,
      list: 'none' as ListName,
    };
  });
  const groups = new Map<string, UnitResult[]>();
  for (const result of results) {
    if (result.group === null || result.score === null) continue;
    if (result.counts.measured < policy.minimumDemands) continue;
    const key = `${result.unit.districtCode ?? ''}\u0000${result.group}`;
    groups.set(key, [...(groups.get(key) ?? []), result]);
  }
  for (const members of groups.values()) {
    const scores = members.map((m) => m.score!);
    const red = listLength(policy.lists.red, members.length);
    const black = listLength(policy.lists.black, members.length);
    for (const member of members) {
      const above = scores.filter((s) => s > member.score!).length;
      const below = scores.filter((s) => s < member.score!).length;
      member.rank = above + 1;
      const onRed = above < red;
      const onBlack = below < black;
      member.list = onRed && !onBlack ? 'red' : onBlack && !onRed ? 'black' : 'none';
    }
  }
  return results.sort(
    (a, b) =>
      (a.group ?? '~').localeCompare(b.group ?? '~') ||
      (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
      a.unit.code.localeCompare(b.unit.code),
  );
}
