export { computeRankings, type RankingRun } from './compute-rankings';
export { rankingFacts, screenedOutSql } from './ranking-facts';
export { recordLadder, type LadderEntry } from './ladder-store';
export { raiseRedWarning, replaceYellowWarnings } from './warning-store';
export { storedKind } from './stored-kind';
