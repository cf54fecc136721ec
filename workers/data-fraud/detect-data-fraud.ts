import type { Knex } from 'knex';
import {
  detectDataFraud,
  loadDataFraudPolicy,
  DataFraudPolicyError,
  type DataFraudPolicy,
  type FraudFinding,
} from '../../domain/data-fraud';
import type { Period } from '../../domain/rankings';
import { JobInputError } from '../job-errors';
import { fraudFacts } from './fraud-facts';
import { recordFraudFindings, type RecordedFinding } from './fraud-warning-store';

export interface FraudRun {
  findings: FraudFinding[];
  recorded: RecordedFinding[];
}

/**
 * The period's data-fraud findings (数据造假), each a red warning for its unit, in the ranking's
 * transaction. A finding for a code no org unit has any more cannot be warned and is dropped.
 */
export async function detectAndRecordDataFraud(
  trx: Knex.Transaction,
  period: Period,
  policy: DataFraudPolicy,
  now: Date,
): Promise<FraudRun> {
  if (!policy.periodKinds.includes(period.kind)) return { findings: [], recorded: [] };
  const findings = detectDataFraud(await fraudFacts(trx, period), period, policy);
  const known = new Set(
    await trx('org_units')
      .whereIn('code', [...new Set(findings.map((f) => f.unitCode))])
      .pluck<string[]>('code'),
  );
  const warned = findings.filter((f) => known.has(f.unitCode));
  return { findings: warned, recorded: await recordFraudFindings(trx, period, warned, now) };
}

/** The data-fraud policy as the process owner left it; a bad file is an incident naming the field. */
export function currentDataFraudPolicy(): DataFraudPolicy {
  try {
    return loadDataFraudPolicy();
  } catch (error) {
    if (error instanceof DataFraudPolicyError) throw new JobInputError(error.message);
    throw error;
  }
}
