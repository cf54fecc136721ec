import type { DuplicatePolicy } from './duplicate-policy';
import { samePlaceReason } from './same-place';
import { novelty, textSimilarity } from './text-similarity';
import type { DuplicateCandidate, DuplicateFinding, DuplicateProbe } from './types';

const DAY_MS = 86_400_000;
// Scores equal up to rounding noise are ties, which go to the earliest demand.
const TIE = 1e-9;

/** A domain that says nothing about the matter: not known yet, or "other". */
const knownDomain = (domain: string | null) => (domain && domain !== 'other' ? domain : null);

function domainsCompatible(
  probe: DuplicateProbe,
  candidate: DuplicateCandidate,
  policy: DuplicatePolicy,
) {
  if (!policy.requireSameDomain) return true;
  const a = knownDomain(probe.domain);
  const b = knownDomain(candidate.domain);
  return a === null || b === null || a === b;
}

function isEarlier(a: DuplicateCandidate, b: DuplicateCandidate): boolean {
  const byTime = a.submittedAt.getTime() - b.submittedAt.getTime();
  if (byTime !== 0) return byTime < 0;
  // Same instant: the lower id was stored first (bigint ids as strings; compare as numbers).
  return a.id.length !== b.id.length ? a.id.length < b.id.length : a.id < b.id;
}

function ago(probe: DuplicateProbe, candidate: DuplicateCandidate): string {
  const days = Math.floor((probe.submittedAt.getTime() - candidate.submittedAt.getTime()) / DAY_MS);
  return days === 0 ? '不到 1 天前' : `${days} 天前`;
}

/**
 * The earlier demand a new one repeats, if any (pure). A candidate counts when it was submitted
 * within the policy's window before the probe (strictly before, so a stored probe never finds
 * itself), stands at the same place, has a compatible domain and a similar enough text; the most
 * similar wins, ties to the earliest. The finding names the root of the candidate's duplicate
 * group, since repeats join the group's first demand. Only the same citizen repeating with
 * nothing new is an invalid repeat: another citizen's report of the same matter is valid (and
 * counts toward listed supervision once merged), as is a repeat that brings new facts.
 */
export function findDuplicate(
  probe: DuplicateProbe,
  candidates: DuplicateCandidate[],
  policy: DuplicatePolicy,
): DuplicateFinding | undefined {
  const from = probe.submittedAt.getTime() - policy.windowDays * DAY_MS;
  let best: { candidate: DuplicateCandidate; similarity: number; place: string } | undefined;
  for (const candidate of candidates) {
    const at = candidate.submittedAt.getTime();
    if (at < from || at >= probe.submittedAt.getTime()) continue;
    if (!domainsCompatible(probe, candidate, policy)) continue;
    const place = samePlaceReason(probe, candidate, policy);
    if (place === undefined) continue;
    const similarity = textSimilarity(probe.text, candidate.text);
    if (similarity < policy.similarityThreshold) continue;
    const better =
      !best ||
      similarity > best.similarity + TIE ||
      (similarity > best.similarity - TIE && isEarlier(candidate, best.candidate));
    if (better) best = { candidate, similarity, place };
  }
  if (!best) return undefined;

  const { candidate, similarity, place } = best;
  const sameCitizen = probe.phoneHash !== null && probe.phoneHash === candidate.phoneHash;
  const added = novelty(probe.text, candidate.text);
  const newFacts = added >= policy.newFactsNovelty;
  const root =
    candidate.rootId && candidate.rootCode
      ? { id: candidate.rootId, code: candidate.rootCode }
      : { id: candidate.id, code: candidate.code };
  const percent = `新内容占 ${Math.round(added * 100)}%`;
  const reasons = [
    `与 ${candidate.code} 相似度 ${similarity.toFixed(2)}`,
    place,
    ago(probe, candidate),
    sameCitizen ? '同一来电号码' : '不同群众或号码未知',
    newFacts ? `有新情况（${percent}）` : `无新情况（${percent}）`,
  ];
  if (root.id !== candidate.id) reasons.push(`${candidate.code} 已并入 ${root.code}`);
  return {
    of: root,
    similarity,
    sameCitizen,
    newFacts,
    outcome: sameCitizen && !newFacts ? 'invalid_repeat_no_new_facts' : 'valid',
    reasons,
  };
}
