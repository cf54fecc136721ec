import type { Knex } from 'knex';
import type { DemandRow } from './demand-store';

/**
 * One row of the demand's history (`GET /api/demands/{code}` shows it). `dedupeKey` names the
 * fact when it must be written once across jobs (a deadline warned once); returns whether the
 * row was new.
 */
export async function addHistory(
  trx: Knex.Transaction,
  demand: Pick<DemandRow, 'id'>,
  entry: {
    at: Date;
    actor: string;
    action: string;
    detail?: Record<string, unknown>;
    dedupeKey: string;
  },
): Promise<boolean> {
  const inserted = await trx('demand_history')
    .insert({
      demand_id: demand.id,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      detail: JSON.stringify(entry.detail ?? {}),
      dedupe_key: entry.dedupeKey,
    })
    .onConflict('dedupe_key')
    .ignore()
    .returning('id');
  return inserted.length === 1;
}
