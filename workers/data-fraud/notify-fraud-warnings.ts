import type { Knex } from 'knex';
import { DATA_FRAUD } from '../../domain/data-fraud';
import type { Period } from '../../domain/rankings';
import { storedKind } from '../rankings/stored-kind';
import { notify, recipient } from '../support/outbox';

interface FraudWarningRow {
  unit_code: string;
  unit_name: string;
  signal: string;
  reason: string;
}

/**
 * Tells each unit the period's data-fraud warnings (in force) through the outbox, one message
 * for its head listing every finding, as the yellow warnings are told. Returns the units told.
 */
export async function notifyFraudWarnings(
  trx: Knex.Transaction,
  elementInstanceKey: string,
  period: Period,
): Promise<string[]> {
  const rows = (await trx('unit_warnings as w')
    .join('org_units as u', 'u.code', 'w.unit_code')
    .where({
      'w.level': 'red',
      'w.reason_code': DATA_FRAUD,
      'w.period_kind': storedKind(period.kind),
      'w.period': period.period,
    })
    .whereNull('w.lifted_at')
    .orderBy('w.id')
    .select('w.unit_code', 'u.name as unit_name', 'w.signal', 'w.reason')) as FraudWarningRow[];
  const byUnit = new Map<string, { name: string; signals: string[]; reasons: string[] }>();
  for (const w of rows) {
    const entry = byUnit.get(w.unit_code) ?? { name: w.unit_name, signals: [], reasons: [] };
    entry.signals.push(w.signal);
    entry.reasons.push(w.reason);
    byUnit.set(w.unit_code, entry);
  }
  for (const [unitCode, { name, signals, reasons }] of byUnit) {
    await notify(trx, elementInstanceKey, {
      template: 'unit_fraud_warning',
      to: recipient.unit(unitCode),
      payload: {
        period: period.period,
        periodKind: period.kind,
        unitName: name,
        level: 'red',
        reasonCode: DATA_FRAUD,
        signals,
        reason: reasons.join('；'),
      },
    });
  }
  return [...byUnit.keys()];
}
