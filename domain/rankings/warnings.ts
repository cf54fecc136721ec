import type { Period } from './periods';
import { RATES, type RankingPolicy, type RateName } from './policy';
import type { UnitResult } from './rank';

export const RATE_LABELS: Record<RateName, string> = {
  response: '响应率',
  resolution: '办结率',
  satisfaction: '满意率',
  onTime: '按期办结率',
};

/** `2026年3月` or `2026年第10周`. */
export function periodLabel(period: Pick<Period, 'kind' | 'period'>): string {
  if (period.kind === 'month') {
    return `${period.period.slice(0, 4)}年${Number(period.period.slice(5, 7))}月`;
  }
  return `${period.period.slice(0, 4)}年第${Number(period.period.slice(6))}周`;
}

const percent = (value: number) => `${(Math.round(value * 1000) / 10).toFixed(1)}%`;

/**
 * The yellow warnings (黄灯) a unit earns in the period, one zh-CN reason each: a rate below its
 * threshold (ranked units only: a handful of demands says little) and many repeat demands.
 */
export function yellowReasons(
  result: UnitResult,
  period: Pick<Period, 'kind' | 'period'>,
  policy: RankingPolicy,
): string[] {
  const label = periodLabel(period);
  const reasons: string[] = [];
  if (result.rank !== null) {
    for (const rate of RATES) {
      const threshold = policy.yellow.rateBelow[rate];
      const value = result.rates[rate];
      if (threshold !== null && value !== null && value < threshold) {
        reasons.push(`${label}${RATE_LABELS[rate]}${percent(value)}，低于${percent(threshold)}`);
      }
    }
  }
  const repeats = policy.yellow.repeatDemandsAtLeast;
  if (repeats !== null && result.counts.repeats >= repeats) {
    reasons.push(`${label}重复诉求${result.counts.repeats}件，达到${repeats}件`);
  }
  return reasons;
}
