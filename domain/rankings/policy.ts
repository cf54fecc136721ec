/**
 * The ranking policy (红黑榜): every number of the rankings is a row here, edited by the process
 * owner in `processes/ranking-policy.json` (DOMAIN: weights, lists and thresholds are local
 * policy). `parseRankingPolicy` refuses a bad file with every bad field named.
 */
import { isPolicyObject, policyFieldReader, type PolicyFieldError } from '../policy-fields';

export const RATES = ['response', 'resolution', 'satisfaction', 'onTime'] as const;
export type RateName = (typeof RATES)[number];

export const LADDER_STEPS = ['reminder', 'talk', 'formal_review'] as const;
export type LadderStep = (typeof LADDER_STEPS)[number];

/** Org tiers a lead unit can have (org_units.tier). */
const UNIT_TIERS = ['village', 'township', 'department', 'district', 'city'];

/** How many units a list holds in a group: a fixed number, or a share of the group. */
export type ListSize = { count: number } | { share: number };

export interface RankingPolicy {
  /** Relative weights of the rates in the score; a rate with nothing to measure drops out. */
  weights: Record<RateName, number>;
  /** Credit of a 基本满意 answer in the satisfaction rate (满意 1, 不满意 0). */
  basicallySatisfiedCredit: number;
  /** A unit that led fewer measured demands in the period is not ranked. */
  minimumDemands: number;
  lists: { red: ListSize; black: ListSize };
  /** Comparable groups (分档分类): units of these org tiers are ranked together. */
  groups: Array<{ group: string; tiers: string[] }>;
  yellow: {
    /** A ranked unit with a rate below its threshold gets a yellow warning; null: not checked. */
    rateBelow: Record<RateName, number | null>;
    /** Repeat demands (joined to the unit's demands) received in the period; null: not checked. */
    repeatDemandsAtLeast: number | null;
  };
  ladder: {
    /** Black listings counted within the calendar year of the period, or ever. */
    countWithin: 'year' | 'all';
    /** The step from the n-th black listing on; the highest `from` not above the count applies. */
    steps: Array<{ from: number; step: LadderStep }>;
  };
}

export type { PolicyFieldError };

export class RankingPolicyError extends Error {
  override name = 'RankingPolicyError';
  constructor(readonly errors: PolicyFieldError[]) {
    super(
      `the ranking policy is not valid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    );
  }
}

const isObject = isPolicyObject;

/** Reads one policy document (the parsed JSON); throws RankingPolicyError naming each bad field. */
export function parseRankingPolicy(input: unknown): RankingPolicy {
  const { errors, fail, section, number, whole } = policyFieldReader();
  const root = isObject(input) ? input : (fail('', 'must be an object'), {});

  const w = section(root.weights, 'weights');
  const weights = Object.fromEntries(
    RATES.map((rate) => [rate, number(w[rate], `weights.${rate}`, 0, 1000)]),
  ) as Record<RateName, number>;
  if (errors.length === 0 && RATES.every((rate) => weights[rate] === 0)) {
    fail('weights', 'at least one weight must be above 0');
  }

  const listSize = (value: unknown, field: string): ListSize => {
    const o = section(value, field);
    if ('count' in o && !('share' in o)) return { count: whole(o.count, `${field}.count`, 0) };
    if ('share' in o && !('count' in o))
      return { share: number(o.share, `${field}.share`, 0, 0.5) };
    fail(field, 'needs either count (units) or share (0 to 0.5 of the group)');
    return { count: 0 };
  };
  const l = section(root.lists, 'lists');

  const groups: RankingPolicy['groups'] = [];
  const seenTiers = new Set<string>();
  if (!Array.isArray(root.groups) || root.groups.length === 0) {
    fail('groups', 'must be a non-empty list');
  } else {
    root.groups.forEach((value, i) => {
      const g = section(value, `groups[${i}]`);
      const group = typeof g.group === 'string' && /^[a-z][a-z0-9_]*$/.test(g.group) ? g.group : '';
      if (!group) fail(`groups[${i}].group`, 'must be a key such as village');
      const tiers = Array.isArray(g.tiers) ? g.tiers : [];
      if (tiers.length === 0) fail(`groups[${i}].tiers`, 'must list org tiers');
      tiers.forEach((tier, j) => {
        if (typeof tier !== 'string' || !UNIT_TIERS.includes(tier)) {
          fail(`groups[${i}].tiers[${j}]`, `must be one of ${UNIT_TIERS.join(', ')}`);
        } else if (seenTiers.has(tier)) {
          fail(`groups[${i}].tiers[${j}]`, `${tier} is already in another group`);
        } else seenTiers.add(tier);
      });
      groups.push({ group, tiers: tiers.map(String) });
    });
  }

  const y = section(root.yellow, 'yellow');
  const below = section(y.rateBelow, 'yellow.rateBelow');
  const rateBelow = Object.fromEntries(
    RATES.map((rate) => [
      rate,
      below[rate] === null || below[rate] === undefined
        ? null
        : number(below[rate], `yellow.rateBelow.${rate}`, 0, 1),
    ]),
  ) as Record<RateName, number | null>;
  const repeats =
    y.repeatDemandsAtLeast === null || y.repeatDemandsAtLeast === undefined
      ? null
      : whole(y.repeatDemandsAtLeast, 'yellow.repeatDemandsAtLeast', 1);

  const d = section(root.ladder, 'ladder');
  const countWithin = d.countWithin === 'year' || d.countWithin === 'all' ? d.countWithin : null;
  if (!countWithin) fail('ladder.countWithin', 'must be year or all');
  const steps: RankingPolicy['ladder']['steps'] = [];
  if (!Array.isArray(d.steps) || d.steps.length === 0) fail('ladder.steps', 'must be a list');
  else {
    d.steps.forEach((value, i) => {
      const s = section(value, `ladder.steps[${i}]`);
      const from = whole(s.from, `ladder.steps[${i}].from`, 1);
      const step = (LADDER_STEPS as readonly unknown[]).includes(s.step)
        ? (s.step as LadderStep)
        : (fail(`ladder.steps[${i}].step`, `must be one of ${LADDER_STEPS.join(', ')}`),
          'reminder' as const);
      if (i > 0 && from <= steps[i - 1]!.from) {
        fail(`ladder.steps[${i}].from`, 'must be above the previous step');
      }
      steps.push({ from, step });
    });
    if (steps[0] && steps[0].from !== 1) fail('ladder.steps[0].from', 'the first step is from 1');
  }

  const policy: RankingPolicy = {
    weights,
    basicallySatisfiedCredit: number(
      root.basicallySatisfiedCredit,
      'basicallySatisfiedCredit',
      0,
      1,
    ),
    minimumDemands: whole(root.minimumDemands, 'minimumDemands', 1),
    lists: { red: listSize(l.red, 'lists.red'), black: listSize(l.black, 'lists.black') },
    groups,
    yellow: { rateBelow, repeatDemandsAtLeast: repeats },
    ladder: { countWithin: countWithin ?? 'year', steps },
  };
  if (errors.length > 0) throw new RankingPolicyError(errors);
  return policy;
}
