import { byCode, groupBy, quoteDemands, type FraudFinding } from './finding';
import type { DataFraudPolicy } from './policy';

/** One staff signature of the four-party sign-off (四方会签) of a demand's round. */
export interface SignatureFact {
  unitCode: string;
  demandCode: string;
  round: number;
  party: 'handler' | 'supervising_leader' | 'principal_leader';
  /** The signer's account (user id as text); never shown. */
  signerId: string;
}

const PARTY_LABELS: Record<SignatureFact['party'], string> = {
  handler: '经办人',
  supervising_leader: '督办领导',
  principal_leader: '主要领导',
};

/**
 * 一人多签: the sign-off exists so that different people answer for handling, procedure and the
 * result; one account signing two of the parts of the same round defeats it. The citizen's part
 * is entered by the handler by design and is not a signature of the handler.
 */
export function detectSignerOverlap(
  signatures: readonly SignatureFact[],
  policy: DataFraudPolicy,
  periodLabel: string,
): FraudFinding[] {
  const rule = policy.signerOverlap;
  if (!rule) return [];
  const findings: FraudFinding[] = [];
  for (const [unitCode, rows] of groupBy(signatures, (s) => s.unitCode)) {
    const rounds = groupBy(rows, (s) => `${s.demandCode}\u0000${s.round}`);
    const overlapping = new Map<string, Set<SignatureFact['party']>>();
    for (const round of rounds.values()) {
      for (const bySigner of groupBy(round, (s) => s.signerId).values()) {
        const parties = new Set(bySigner.map((s) => s.party));
        if (parties.size < 2) continue;
        const code = bySigner[0]!.demandCode;
        const seen = overlapping.get(code) ?? new Set();
        for (const p of parties) seen.add(p);
        overlapping.set(code, seen);
      }
    }
    if (overlapping.size < rule.demandsAtLeast) continue;
    const codes = [...overlapping.keys()].sort(byCode);
    const signed = new Set(rows.map((s) => s.demandCode)).size;
    const parts = [...new Set([...overlapping.values()].flatMap((s) => [...s]))]
      .sort((a, b) => Object.keys(PARTY_LABELS).indexOf(a) - Object.keys(PARTY_LABELS).indexOf(b))
      .map((p) => PARTY_LABELS[p]);
    findings.push({
      unitCode,
      signal: 'signer_overlap',
      reason:
        `${periodLabel}四方会签一人多签：会签的${signed}件诉求中有${codes.length}件由同一人签署了` +
        `${parts.join('、')}中的两方以上（${quoteDemands(codes)}）`,
      evidence: { demandCodes: codes, count: codes.length, of: signed },
    });
  }
  return findings;
}
