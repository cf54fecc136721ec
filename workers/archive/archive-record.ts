import type { Knex } from 'knex';

/**
 * The frozen record of a demand: the demand row without its encrypted personal columns and blind
 * indexes (masked values stay), and everything that happened to it, as plain JSON (times as
 * ISO 8601 strings, ids as strings), in a stable order.
 */
export async function buildArchiveRecord(
  trx: Knex.Transaction,
  demandId: string,
): Promise<Record<string, unknown>> {
  const demand = (await trx('demands').where({ id: demandId }).first()) as Record<string, unknown>;
  for (const column of Object.keys(demand)) {
    if (column.endsWith('_enc') || column.endsWith('_hash')) delete demand[column];
  }
  const rows = (
    table: string,
    order: string[],
    where: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
  ) => where(trx(table)).orderBy(order).select() as Promise<Record<string, unknown>[]>;
  const byDemand = (q: Knex.QueryBuilder) => q.where({ demand_id: demandId });
  const clockIds = trx('demand_clocks').where({ demand_id: demandId }).select('id');
  const record = {
    demand,
    history: await rows('demand_history', ['at', 'id'], byDemand),
    ledgerEvents: await rows('ledger_events', ['occurred_at', 'id'], byDemand),
    assignments: await rows('assignments', ['assigned_at', 'id'], byDemand),
    clocks: await rows('demand_clocks', ['kind', 'id'], byDemand),
    clockPauses: await rows('clock_pauses', ['paused_at', 'id'], (q) =>
      q.whereIn('clock_id', clockIds),
    ),
    clockExtensions: await rows('clock_extensions', ['requested_at', 'id'], (q) =>
      q.whereIn('clock_id', clockIds),
    ),
    supervisionOrders: await rows('supervision_orders', ['issued_at', 'id'], byDemand),
    returnVisits: await rows('return_visits', ['visited_at', 'id'], byDemand),
    signOffs: await rows('sign_offs', ['round', 'signed_at', 'id'], byDemand),
  };
  // Through JSON: Dates become ISO strings, and the record hashed is exactly what jsonb stores.
  return JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
}
