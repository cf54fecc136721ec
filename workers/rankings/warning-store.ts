import type { Knex } from 'knex';
import type { Period } from '../../domain/rankings';
import { storedKind } from './stored-kind';

/**
 * A red warning (红灯) to a unit: data fraud or a false closure found by a spot check (验靶,
 * 明察暗访). Raised by whoever found it, not by the ranking, so it carries no period.
 * Returns the warning's id.
 */
export async function raiseRedWarning(
  knex: Knex | Knex.Transaction,
  unitCode: string,
  reason: string,
  issuedAt: Date = new Date(),
): Promise<string> {
  if (reason.trim() === '') throw new Error('a red warning needs its reason');
  const unit = await knex('org_units').where({ code: unitCode }).first('code');
  if (!unit) throw new Error(`no org unit has the code "${unitCode}"`);
  const [row] = await knex('unit_warnings')
    .insert({ unit_code: unitCode, level: 'red', reason: reason.trim(), issued_at: issuedAt })
    .returning<{ id: string }[]>('id');
  return String(row!.id);
}

/**
 * The yellow warnings of a period, replacing those an earlier computation of the same period
 * raised (a recomputation raises each once). Warnings lifted by a person stay as they are.
 */
export async function replaceYellowWarnings(
  trx: Knex.Transaction,
  period: Period,
  warnings: ReadonlyArray<{ unitCode: string; reason: string }>,
  issuedAt: Date,
): Promise<void> {
  const kind = storedKind(period.kind);
  await trx('unit_warnings')
    .where({ level: 'yellow', period_kind: kind, period: period.period })
    .whereNull('lifted_at')
    .delete();
  const lifted = new Set(
    (
      await trx('unit_warnings')
        .where({ level: 'yellow', period_kind: kind, period: period.period })
        .select<{ unit_code: string; reason: string }[]>('unit_code', 'reason')
    ).map((w) => `${w.unit_code}\u0000${w.reason}`),
  );
  const rows = warnings
    .filter((w) => !lifted.has(`${w.unitCode}\u0000${w.reason}`))
    .map((w) => ({
      unit_code: w.unitCode,
      level: 'yellow',
      reason: w.reason,
      issued_at: issuedAt,
      period_kind: kind,
      period: period.period,
    }));
  if (rows.length > 0) await trx('unit_warnings').insert(rows);
}
