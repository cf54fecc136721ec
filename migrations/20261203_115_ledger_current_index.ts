import type { Knex } from 'knex';

/**
 * The ledgers read a tier's latest event per demand (`ledger_current`, migration 003: DISTINCT
 * ON demand and tier, newest first, with the count of entries). Without an index in that order
 * every read of a ledger sorted all of the tier's events; a county month is some 30,000 at the
 * district tier. This one hands them over in order, the owner and event type included, so the
 * view reads the index alone (about half the time of the sort at that size).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX ledger_events_current
    ON ledger_events (tier, demand_id, occurred_at DESC, id DESC)
    INCLUDE (unit_code, event_type)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX ledger_events_current');
}
