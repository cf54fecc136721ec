import type { DuplicatePolicy } from './duplicate-policy';
import { samePlaceReason } from './same-place';
import {
  matterSimilarity,
  matterWords,
  otherTroubles,
  rarity,
  sameThingSameTrouble,
} from './matter-words';
import { novelty } from './novelty';
import { namesOtherAddress, textSimilarity } from './text-similarity';
import type { DuplicateCandidate, DuplicateFinding, DuplicateProbe } from './types';

const DAY_MS = 86_400_000;
// Scores equal up to rounding noise are ties, which go to the earliest demand.
const TIE = 1e-9;

/**
 * The matter similarity of the same thing in the same trouble, in matterThresholds: clear of the
 * bar by enough to outweigh otherDomainFactor 0.8, since the probe's domain is only suggested.
 */
const SAME_TROUBLE_STRENGTH = 1.25;

/** A domain that says nothing about the matter: not known yet, or "other". */
const knownDomain = (domain: string | null) => (domain && domain !== 'other' ? domain : null);

/**
 * What a domain mismatch does to the similarity: 1 when either domain is unknown or they agree,
 * 0 (never alike) under requireSameDomain, else otherDomainFactor. The probe's domain is only
 * suggested and often wrong, so a strong text match may outweigh it.
 */
function domainFactor(
  probe: DuplicateProbe,
  candidate: DuplicateCandidate,
  policy: DuplicatePolicy,
) {
  const a = knownDomain(probe.domain);
  const b = knownDomain(candidate.domain);
  if (a === null || b === null || a === b) return 1;
  return policy.requireSameDomain ? 0 : policy.otherDomainFactor;
}

/** How a candidate's similarity to the probe was made up, for the bench and for staff. */
export interface SimilarityParts {
  /** Character-bigram similarity (near copies, typos). */
  copy: number;
  /** Matter-word similarity, after the same thing in the same trouble raised it. */
  matter: number;
  /** Whether the two name the same rare thing in the same kind of trouble. */
  sameTrouble: boolean;
  /** Whether the two name different buildings, entrances or groups (score 0). */
  otherAddress: boolean;
  /** Whether the two name different troubles (otherTroubles). */
  otherTroubles: boolean;
  /** The larger of copy and matter on the scale of similarityThreshold, before domains. */
  score: number;
}

/**
 * Similarity 0..1 of the probe to each candidate: the larger of the character-bigram similarity
 * (near copies, typos) and the matter-word similarity, with words weighted by rarity among the
 * probe and these candidates; 0 for texts naming different buildings or groups. With each,
 * whether the two name different troubles (otherTroubles).
 */
export function similarities(
  probe: Pick<DuplicateProbe, 'text'>,
  candidates: ReadonlyArray<Pick<DuplicateCandidate, 'text' | 'id' | 'rootId'>>,
  policy: DuplicatePolicy,
): SimilarityParts[] {
  const probeWords = matterWords(probe.text);
  const words = candidates.map((candidate) => matterWords(candidate.text));
  const weight = rarity([probeWords, ...words]);
  // Whether a thing is said by most matters here counts a group's demands as one matter (the
  // probe is one of its own until matched): repeats do not make their own thing look common.
  const matters = ['', ...candidates.map((candidate) => candidate.rootId ?? candidate.id)];
  const matterWeight = rarity([probeWords, ...words], matters);
  return candidates.map((candidate, i) => {
    const other = otherTroubles(probeWords, words[i]!);
    const copy = textSimilarity(probe.text, candidate.text);
    const plain = matterSimilarity(probeWords, words[i]!, weight);
    // The same thing in the same trouble counts as the same matter in other words.
    const sameTrouble = sameThingSameTrouble(
      probeWords,
      words[i]!,
      matterWeight,
      new Set(matters).size,
    );
    const matter = sameTrouble
      ? Math.max(policy.matterThreshold * SAME_TROUBLE_STRENGTH, plain)
      : plain;
    const otherAddress = namesOtherAddress(probe.text, candidate.text);
    // Both on the scale of similarityThreshold: a near copy, or the same matter in other words.
    const score = otherAddress
      ? 0
      : Math.max(copy, (matter / policy.matterThreshold) * policy.similarityThreshold);
    return { copy, matter, sameTrouble, otherAddress, otherTroubles: other, score };
  });
}

const sameCitizen = (probe: DuplicateProbe, candidate: DuplicateCandidate) =>
  probe.phoneHash !== null && probe.phoneHash === candidate.phoneHash;

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
  const pool: Array<{ candidate: DuplicateCandidate; place: string }> = [];
  for (const candidate of candidates) {
    const at = candidate.submittedAt.getTime();
    if (at < from || at >= probe.submittedAt.getTime()) continue;
    const place = samePlaceReason(probe, candidate, policy);
    if (place !== undefined) pool.push({ candidate, place });
  }
  const scores = similarities(
    probe,
    pool.map(({ candidate }) => candidate),
    policy,
  );
  let best: { candidate: DuplicateCandidate; similarity: number; place: string } | undefined;
  pool.forEach(({ candidate, place }, i) => {
    const similarity = scores[i]!.score * domainFactor(probe, candidate, policy);
    // The same caller's lower bar is for calling again about the same trouble: a caller telling
    // of another trouble at the same place ("灯坏了" then "垃圾臭") reports a new matter.
    const bar =
      sameCitizen(probe, candidate) && !scores[i]!.otherTroubles
        ? policy.similarityThreshold * policy.sameCitizenFactor
        : policy.similarityThreshold;
    if (similarity < bar) return;
    const better =
      !best ||
      similarity > best.similarity + TIE ||
      (similarity > best.similarity - TIE && isEarlier(candidate, best.candidate));
    if (better) best = { candidate, similarity, place };
  });
  if (!best) return undefined;

  const { candidate, similarity, place } = best;
  const again = sameCitizen(probe, candidate);
  const added = novelty(probe.text, candidate.text);
  const newFacts = added >= policy.newFactsNovelty;
  const root =
    candidate.rootId && candidate.rootCode
      ? { id: candidate.rootId, code: candidate.rootCode }
      : { id: candidate.id, code: candidate.code };
  const percent = `新内容占 ${Math.round(added * 100)}%`;
  const reasons = [
    `与 ${candidate.code} 相似度 ${Math.min(1, similarity).toFixed(2)}`,
    place,
    ago(probe, candidate),
    again ? '同一来电号码' : '不同群众或号码未知',
    newFacts ? `有新情况（${percent}）` : `无新情况（${percent}）`,
  ];
  if (root.id !== candidate.id) reasons.push(`${candidate.code} 已并入 ${root.code}`);
  return {
    of: root,
    similarity: Math.min(1, similarity),
    sameCitizen: again,
    newFacts,
    outcome: again && !newFacts ? 'invalid_repeat_no_new_facts' : 'valid',
    reasons,
  };
}
