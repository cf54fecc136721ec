import type { Knex } from 'knex';
import { addCheck, oneOf } from './sql';

/**
 * Data fraud (数据造假) found by the periodic ranking: a red warning with the reason code
 * `data_fraud`, the signal that found it and its evidence (demand codes and counts). One per
 * unit, signal and period, so computing a period again finds the same warning, not a second.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('unit_warnings', (t) => {
    // NULL for the warnings raised before reasons had codes, by hand or by a spot check.
    t.text('reason_code');
    t.text('signal');
    t.jsonb('evidence');
  });
  await addCheck(
    knex,
    'unit_warnings',
    'unit_warnings_finding_check',
    `(reason_code IS NULL OR ${oneOf('reason_code', ['data_fraud'])})
     AND (signal IS NULL OR (reason_code = 'data_fraud' AND level = 'red' AND period IS NOT NULL))
     AND (evidence IS NULL OR signal IS NOT NULL)`,
  );
  await knex.raw(`CREATE UNIQUE INDEX unit_warnings_one_finding
    ON unit_warnings (unit_code, period_kind, period, signal) WHERE signal IS NOT NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX unit_warnings_one_finding');
  await knex.raw('ALTER TABLE unit_warnings DROP CONSTRAINT unit_warnings_finding_check');
  await knex.schema.alterTable('unit_warnings', (t) => {
    t.dropColumn('evidence');
    t.dropColumn('signal');
    t.dropColumn('reason_code');
  });
}
