import type { Knex } from 'knex';
import { DATA_FRAUD, type FraudFinding } from '../../domain/data-fraud';
import type { Period } from '../../domain/rankings';
import { storedKind } from '../rankings/stored-kind';

export interface RecordedFinding {
  unitCode: string;
  signal: string;
  warningId: string;
  /** False when the unit already had this signal's warning for the period. */
  raised: boolean;
}

/**
 * One red warning (红灯, reason code `data_fraud`) per unit, signal and period. Computing the
 * period again refreshes the reason and evidence of a warning still in force and raises none
 * twice; a warning a person lifted stays lifted and as it was.
 */
const UPSERT_SQL = `
  INSERT INTO unit_warnings
         (unit_code, level, reason, issued_at, period_kind, period, reason_code, signal, evidence)
  VALUES (?, 'red', ?, ?, ?, ?, ?, ?, ?::jsonb)
  ON CONFLICT (unit_code, period_kind, period, signal) WHERE signal IS NOT NULL
  DO UPDATE SET reason = EXCLUDED.reason, evidence = EXCLUDED.evidence
   WHERE unit_warnings.lifted_at IS NULL
  RETURNING id::text AS id, (xmax = 0) AS raised`;

export async function recordFraudFindings(
  trx: Knex.Transaction,
  period: Period,
  findings: readonly FraudFinding[],
  issuedAt: Date,
): Promise<RecordedFinding[]> {
  const kind = storedKind(period.kind);
  const recorded: RecordedFinding[] = [];
  for (const f of findings) {
    const { rows } = await trx.raw<{ rows: { id: string; raised: boolean }[] }>(UPSERT_SQL, [
      f.unitCode,
      f.reason,
      issuedAt,
      kind,
      period.period,
      DATA_FRAUD,
      f.signal,
      JSON.stringify(f.evidence),
    ]);
    // No row back: the warning was lifted and is left alone.
    if (rows[0]) {
      recorded.push({
        unitCode: f.unitCode,
        signal: f.signal,
        warningId: rows[0].id,
        raised: rows[0].raised,
      });
    }
  }
  return recorded;
}
