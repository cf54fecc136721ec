import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRankingPolicy, RankingPolicyError, type RankingPolicy } from './policy';

/** Where the process owner keeps the ranking policy, beside the models it belongs to. */
export const RANKING_POLICY_FILE = path.resolve(__dirname, '../../processes/ranking-policy.json');

/** Reads and checks the policy file; a file that is not JSON is reported as field ''. */
export function loadRankingPolicy(file = RANKING_POLICY_FILE): RankingPolicy {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RankingPolicyError([
      { field: '', message: `${path.basename(file)}: ${(error as Error).message}` },
    ]);
  }
  return parseRankingPolicy(parsed);
}
