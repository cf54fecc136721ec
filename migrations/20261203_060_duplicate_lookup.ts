import type { Knex } from 'knex';

/**
 * Duplicate detection reads a district's demands of the last weeks at one place
 * (server/triage/duplicates/load-candidates.ts); no index served the time window, so a busy
 * district's whole history was scanned for each new demand.
 */

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX demands_duplicate_lookup
    ON demands (district_code, (coalesce(submitted_at, received_at)))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX demands_duplicate_lookup');
}
