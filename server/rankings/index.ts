export { rankingRouter, type RankingRoutesOptions } from './ranking-routes';
export { rankingAudience, type RankingAudience } from './ranking-access';
