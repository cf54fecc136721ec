import type { ClosureFact } from './closure';
import { byCode, groupBy, percent, quoteDemands, type FraudFinding } from './finding';
import { CLOSURE_CATEGORIES, type ClosureCategory, type DataFraudPolicy } from './policy';

const CATEGORY_LABELS: Record<ClosureCategory, string> = {
  consultation: '咨询',
  suggestion: '建议',
  request: '求助',
  complaint: '投诉',
  collective: '集体诉求',
  other: '其他',
};

const isCategory = (c: string | null): c is ClosureCategory =>
  c !== null && (CLOSURE_CATEGORIES as readonly string[]).includes(c);

/**
 * 办结过快: a complaint "resolved" minutes after it was handed over was not handled, it was
 * closed. A unit is flagged when enough of its closures in the period (a count and a share)
 * came faster than the category's plausible minimum; a category without a minimum (a
 * consultation answered on the phone) is never hasty.
 */
export function detectHastyClosures(
  closures: readonly ClosureFact[],
  policy: DataFraudPolicy,
  periodLabel: string,
): FraudFinding[] {
  const rule = policy.hastyClosure;
  if (!rule) return [];
  const findings: FraudFinding[] = [];
  for (const [unitCode, rows] of groupBy(closures, (c) => c.unitCode)) {
    const hasty = rows
      .map((c) => {
        const limit = isCategory(c.category) ? rule.minutesByCategory[c.category] : null;
        const minutes = (c.resolvedAt.getTime() - c.assignedAt.getTime()) / 60_000;
        return limit !== null && minutes < limit ? { closure: c, minutes, limit } : null;
      })
      .filter((h) => h !== null)
      .sort((a, b) => byCode(a.closure.demandCode, b.closure.demandCode));
    const share = hasty.length / rows.length;
    if (hasty.length < rule.demandsAtLeast || share < rule.shareAtLeast) continue;
    const fastest = [...hasty].sort((a, b) => a.minutes - b.minutes)[0]!;
    const label = CATEGORY_LABELS[fastest.closure.category as ClosureCategory];
    findings.push({
      unitCode,
      signal: 'hasty_closure',
      reason:
        `${periodLabel}办结过快：办结的${rows.length}件诉求中有${hasty.length}件` +
        `（${percent(share)}）在交办后短于规定最短办理时间即办结（${quoteDemands(hasty.map((h) => h.closure.demandCode))}），` +
        `最快的${label}诉求 ${fastest.closure.demandCode} 用时${Math.max(0, Math.floor(fastest.minutes))}分钟，` +
        `规定不少于${fastest.limit}分钟`,
      evidence: {
        demandCodes: hasty.map((h) => h.closure.demandCode),
        count: hasty.length,
        of: rows.length,
      },
    });
  }
  return findings;
}
