export * from './policy';
export * from './finding';
export type { ClosureFact } from './closure';
export { detectSignerOverlap, type SignatureFact } from './signer-overlap';
export { detectHastyClosures } from './hasty-closure';
export { detectCopiedResults, resultWords } from './copied-results';
export { detectSpotCheckContradictions, type VisitFact } from './spot-check-contradictions';
export { detectDataFraud, type FraudFacts } from './detect';
export { loadDataFraudPolicy, DATA_FRAUD_POLICY_FILE } from './load-policy';
