export type { DuplicateCandidate, DuplicateFinding, DuplicateProbe } from './types';
export {
  checkDuplicatePolicy,
  loadDuplicatePolicy,
  DEFAULT_DUPLICATE_POLICY_FILE,
  DuplicatePolicyError,
  type DuplicatePolicy,
} from './duplicate-policy';
export { contentText, textSimilarity } from './text-similarity';
export { novelty } from './novelty';
export { distanceMetres, samePlaceReason } from './same-place';
export { findDuplicate } from './find-duplicate';
export { loadDuplicateCandidates, CANDIDATE_LIMIT } from './load-candidates';
