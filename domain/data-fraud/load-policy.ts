import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DataFraudPolicyError, parseDataFraudPolicy, type DataFraudPolicy } from './policy';

/** Where the process owner keeps the data-fraud thresholds, beside the ranking policy. */
export const DATA_FRAUD_POLICY_FILE = path.resolve(
  __dirname,
  '../../processes/data-fraud-policy.json',
);

/** Reads and checks the policy file; a file that is not JSON is reported as field ''. */
export function loadDataFraudPolicy(file = DATA_FRAUD_POLICY_FILE): DataFraudPolicy {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DataFraudPolicyError([
      { field: '', message: `${path.basename(file)}: ${(error as Error).message}` },
    ]);
  }
  return parseDataFraudPolicy(parsed);
}
