import type { Knex } from 'knex';
import { updateDemand, type DemandRow } from '../support/demand-store';

/**
 * Reopens a demand whose closure the citizen contradicted at a spot check: the archived demand
 * goes back to `screening` with a new `demand-handling` instance, the way a split undoes a
 * merge (server/demands/demand-split.ts): its process instance key is released and its row in
 * `process_start_outbox` made due again, so the process starter creates the instance and
 * `demand-register` binds it. The new instance runs from registration: the village screens the
 * facts again and routing chooses the lead unit anew, rather than presuming that the unit that
 * closed it falsely carries it again. The archive entry stays (the chain is append-only); the
 * next archive appends another. Returns false when the demand is no longer archived (it was
 * reopened already), and then changes nothing.
 */
export async function reopenDemand(
  trx: Knex.Transaction,
  demand: DemandRow,
  now: Date,
): Promise<boolean> {
  if (demand.status !== 'archived') return false;
  await updateDemand(
    trx,
    demand,
    { status: 'screening', archived_at: null, process_instance_key: null },
    now,
  );
  const reset = await trx('process_start_outbox').where({ demand_id: demand.id }).update({
    started_at: null,
    process_instance_key: null,
    attempts: 0,
    // The starter compares with the database's clock, not the engine's.
    next_attempt_at: trx.fn.now(),
    last_error: null,
  });
  if (reset === 0) await trx('process_start_outbox').insert({ demand_id: demand.id });
  return true;
}
