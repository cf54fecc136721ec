import type { Knex } from 'knex';
import { addCheck, oneOf } from './sql';

/**
 * Deadline clocks on the working-day calendar (限时办结): one per demand and kind, with pauses
 * while waiting for the citizen and at most one approved extension. Deadlines are computed by
 * the application (holidays and make-up workdays); the database keeps them honest.
 */

export async function up(knex: Knex): Promise<void> {
  // A reopened case restarts its existing clock row rather than adding a second one, so
  // "the resolution deadline of demand X" always has one answer.
  await knex.schema.createTable('demand_clocks', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('demand_id').notNullable().references('id').inTable('demands');
    t.text('kind').notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.timestamp('warn_at', { useTz: true });
    t.timestamp('stopped_at', { useTz: true });
    t.text('state').notNullable().defaultTo('running');
    // The budget before extensions; "at once" (即接即答) is 0.
    t.integer('working_days').notNullable();
    t.unique(['demand_id', 'kind']);
  });
  await addCheck(
    knex,
    'demand_clocks',
    'demand_clocks_kind_check',
    oneOf('kind', [
      'response',
      'resolution',
      'verification',
      'petition_acceptance',
      'petition_review',
    ]),
  );
  await addCheck(
    knex,
    'demand_clocks',
    'demand_clocks_state_check',
    oneOf('state', ['running', 'paused', 'met', 'breached', 'cancelled']),
  );
  // A breached clock may still be running (overdue, unresolved) or stopped late, so only the
  // other states pin stopped_at down.
  await addCheck(
    knex,
    'demand_clocks',
    'demand_clocks_times_check',
    `working_days >= 0
     AND due_at >= started_at
     AND (warn_at IS NULL OR warn_at BETWEEN started_at AND due_at)
     AND (stopped_at IS NULL OR stopped_at >= started_at)
     AND (state NOT IN ('met', 'cancelled') OR stopped_at IS NOT NULL)
     AND (state NOT IN ('running', 'paused') OR stopped_at IS NULL)`,
  );
  // The scheduler's scans: what is due or about to be warned about.
  await knex.raw(`CREATE INDEX demand_clocks_running_due
    ON demand_clocks (due_at) WHERE state IN ('running', 'paused')`);
  await knex.raw(`CREATE INDEX demand_clocks_running_warn
    ON demand_clocks (warn_at) WHERE state = 'running' AND warn_at IS NOT NULL`);

  // A pause stops the clock, which is also how a deadline could be gamed: every pause says why
  // and who asked for it.
  await knex.schema.createTable('clock_pauses', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('clock_id').notNullable().references('id').inTable('demand_clocks');
    t.text('reason').notNullable();
    t.timestamp('paused_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('resumed_at', { useTz: true });
    t.bigInteger('requested_by_user_id').notNullable().references('id').inTable('users');
    t.index(['clock_id']);
  });
  await addCheck(
    knex,
    'clock_pauses',
    'clock_pauses_check',
    `btrim(reason) <> '' AND (resumed_at IS NULL OR resumed_at >= paused_at)`,
  );
  await knex.raw(`CREATE UNIQUE INDEX clock_pauses_one_open
    ON clock_pauses (clock_id) WHERE resumed_at IS NULL`);

  // DOMAIN: "extended once with approval and a reason told to the citizen".
  await knex.schema.createTable('clock_extensions', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('clock_id').notNullable().references('id').inTable('demand_clocks');
    t.integer('extra_working_days').notNullable();
    t.text('reason').notNullable();
    t.timestamp('reason_told_to_citizen_at', { useTz: true });
    t.bigInteger('requested_by_user_id').notNullable().references('id').inTable('users');
    t.timestamp('requested_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // Who decided (approved or rejected) and when.
    t.bigInteger('approved_by_user_id').references('id').inTable('users');
    t.timestamp('approved_at', { useTz: true });
    t.text('state').notNullable().defaultTo('pending');
    t.index(['clock_id']);
  });
  await addCheck(
    knex,
    'clock_extensions',
    'clock_extensions_state_check',
    oneOf('state', ['pending', 'approved', 'rejected']),
  );
  // Approval means someone other than the requester signed for it.
  await addCheck(
    knex,
    'clock_extensions',
    'clock_extensions_check',
    `extra_working_days > 0
     AND btrim(reason) <> ''
     AND (state <> 'approved' OR (approved_by_user_id IS NOT NULL AND approved_at IS NOT NULL))
     AND (state <> 'pending' OR (approved_by_user_id IS NULL AND approved_at IS NULL))
     AND (approved_by_user_id IS NULL OR approved_by_user_id <> requested_by_user_id)`,
  );
  await knex.raw(`CREATE UNIQUE INDEX clock_extensions_one_approved
    ON clock_extensions (clock_id) WHERE state = 'approved'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('clock_extensions');
  await knex.schema.dropTable('clock_pauses');
  await knex.schema.dropTable('demand_clocks');
}
