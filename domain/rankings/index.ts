export * from './policy';
export * from './periods';
export * from './measure';
export * from './rank';
export * from './ladder';
export * from './warnings';
export { loadRankingPolicy, RANKING_POLICY_FILE } from './load-policy';
