import type { ClosureFact } from './closure';
import { byCode, groupBy, quoteDemands, type FraudFinding } from './finding';
import type { DataFraudPolicy } from './policy';

/**
 * The words of a result as compared: spaces and punctuation are not what was copied, so
 * `已修复。` and `已 修复` are the same text.
 */
export function resultWords(result: string): string {
  return result.replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * 办理结果雷同: different demands do not get the same result word for word unless the result
 * was pasted rather than written. Short stock phrases (`已办结`) say too little to count, so
 * texts below `ignoreShorterThan` characters are left out. A unit is flagged when one text
 * covers `sameTextAtLeast` of its closures in the period; every such text is evidence.
 */
export function detectCopiedResults(
  closures: readonly ClosureFact[],
  policy: DataFraudPolicy,
  periodLabel: string,
): FraudFinding[] {
  const rule = policy.copiedResults;
  if (!rule) return [];
  const findings: FraudFinding[] = [];
  for (const [unitCode, rows] of groupBy(closures, (c) => c.unitCode)) {
    const worded = rows
      .map((c) => ({ code: c.demandCode, words: resultWords(c.result ?? '') }))
      .filter((c) => c.words.length > 0 && [...c.words].length >= rule.ignoreShorterThan);
    const copies = [...groupBy(worded, (c) => c.words).values()]
      .map((group) => [...new Set(group.map((c) => c.code))].sort(byCode))
      .filter((codes) => codes.length >= rule.sameTextAtLeast)
      .sort((a, b) => b.length - a.length || byCode(a[0]!, b[0]!));
    if (copies.length === 0) continue;
    const codes = copies.flat().sort(byCode);
    const texts =
      copies.length === 1
        ? `${copies[0]!.length}件诉求的办理结果一字不差`
        : `${copies.length}组共${codes.length}件诉求的办理结果一字不差（最多一组${copies[0]!.length}件）`;
    findings.push({
      unitCode,
      signal: 'copied_results',
      reason: `${periodLabel}办理结果雷同：办结的${rows.length}件诉求中，${texts}（${quoteDemands(copies[0]!)}）`,
      evidence: { demandCodes: codes, count: codes.length, of: rows.length },
    });
  }
  return findings;
}
