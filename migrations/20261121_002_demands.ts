import type { Knex } from 'knex';
import { addCheck, HANDLING_TIERS, oneOf, SHA256_HEX } from './sql';

/**
 * Demands (诉求), the groups repeats are merged into, and the units assigned to handle them.
 */

const CHANNELS = [
  'hotline_12345',
  'wechat',
  'qr_code',
  'mailbox',
  'questionnaire',
  'door_to_door',
  'on_site_survey',
  'online_forum',
  'leader_reception',
  'letter',
  'petition',
  'other',
];
const CATEGORIES = [
  'consultation',
  'suggestion',
  'request_for_help',
  'complaint',
  'collective',
  'petition',
];
// Once a demand has left screening for handling it must say where it went.
const ROUTED_STATUSES = [
  'dispatched',
  'in_progress',
  'resolved',
  'verifying',
  'signing_off',
  'archived',
];
const STATUSES = ['received', 'screening', 'invalid', 'redirected', ...ROUTED_STATUSES];
// Screening outcomes: "invalid" closes the demand, "redirected" hands it to 110/119/120/122 or
// to a court; the citizen is told why in both cases, so the reason is never optional.
const INVALID_REASONS = ['duplicate', 'false_information', 'out_of_scope'];
const REDIRECT_REASONS = ['emergency_redirected', 'legal_procedure_redirected'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('demands', (t) => {
    t.bigIncrements('id').primary();
    t.text('code').notNullable().unique();
    t.text('channel').notNullable();
    t.text('channel_ticket_id');
    // Ciphertext (domain/pii field cipher), the masked form lists show, and the HMAC blind index
    // that answers "has this number called before" without decrypting.
    t.text('citizen_name_enc');
    t.text('citizen_name_masked');
    t.text('citizen_phone_enc');
    t.text('citizen_phone_masked');
    t.text('citizen_phone_hash');
    t.text('citizen_id_number_enc');
    t.text('citizen_id_number_masked');
    t.text('citizen_id_number_hash');
    // DESIGN §6: the unit complained about never sees who complained, unless this is cleared.
    t.boolean('anonymous_to_units').notNullable().defaultTo(true);
    t.text('title');
    t.text('content_original').notNullable();
    t.text('content_normalised').notNullable();
    t.text('category').notNullable();
    t.text('domain');
    // Online channels may give only an address; screening places the demand in the org tree.
    t.text('location_unit_code').references('code').inTable('org_units');
    t.text('address');
    t.decimal('latitude', 9, 6);
    t.decimal('longitude', 9, 6);
    t.text('status').notNullable().defaultTo('received');
    t.text('invalid_reason');
    t.text('tier');
    t.text('responsible_unit_code').references('code').inTable('org_units');
    t.bigInteger('duplicate_group_id');
    t.bigInteger('process_instance_key');
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // The same channel ticket delivered twice must be one demand (idempotent intake).
    t.unique(['channel', 'channel_ticket_id'], { indexName: 'demands_channel_ticket_unique' });
    t.index(['status']);
    t.index(['responsible_unit_code', 'status']);
    t.index(['location_unit_code']);
    t.index(['received_at']);
    t.index(['category']);
    t.index(['duplicate_group_id']);
    t.index(['citizen_phone_hash']);
    t.index(['citizen_id_number_hash']);
  });
  await addCheck(knex, 'demands', 'demands_channel_check', oneOf('channel', CHANNELS));
  // An empty ticket id would make every ticketless demand from a channel collide: use NULL.
  await addCheck(
    knex,
    'demands',
    'demands_channel_ticket_id_check',
    `channel_ticket_id IS NULL OR btrim(channel_ticket_id) <> ''`,
  );
  await addCheck(knex, 'demands', 'demands_category_check', oneOf('category', CATEGORIES));
  await addCheck(knex, 'demands', 'demands_status_check', oneOf('status', STATUSES));
  await addCheck(
    knex,
    'demands',
    'demands_invalid_reason_check',
    `CASE status
       WHEN 'invalid' THEN invalid_reason IS NOT NULL AND ${oneOf('invalid_reason', INVALID_REASONS)}
       WHEN 'redirected' THEN invalid_reason IS NOT NULL AND ${oneOf('invalid_reason', REDIRECT_REASONS)}
       ELSE invalid_reason IS NULL
     END`,
  );
  await addCheck(knex, 'demands', 'demands_tier_check', oneOf('tier', HANDLING_TIERS));
  await addCheck(
    knex,
    'demands',
    'demands_routed_check',
    `NOT ${oneOf('status', ROUTED_STATUSES)} OR (tier IS NOT NULL AND responsible_unit_code IS NOT NULL)`,
  );
  // A stored value without its mask would show nothing in lists; without its blind index it
  // would be invisible to duplicate and repeat-caller lookups. Masks always contain a star
  // (domain/pii/masking), so a full number written into a mask column is refused.
  await addCheck(
    knex,
    'demands',
    'demands_citizen_pii_check',
    `(citizen_name_enc IS NULL) = (citizen_name_masked IS NULL)
     AND (citizen_phone_enc IS NULL) = (citizen_phone_masked IS NULL)
     AND (citizen_phone_enc IS NULL) = (citizen_phone_hash IS NULL)
     AND (citizen_id_number_enc IS NULL) = (citizen_id_number_masked IS NULL)
     AND (citizen_id_number_enc IS NULL) = (citizen_id_number_hash IS NULL)
     AND (citizen_name_masked IS NULL OR strpos(citizen_name_masked, '*') > 0)
     AND (citizen_phone_masked IS NULL OR strpos(citizen_phone_masked, '*') > 0)
     AND (citizen_id_number_masked IS NULL OR strpos(citizen_id_number_masked, '*') > 0)
     AND (citizen_phone_hash IS NULL OR citizen_phone_hash ~ ${SHA256_HEX})
     AND (citizen_id_number_hash IS NULL OR citizen_id_number_hash ~ ${SHA256_HEX})`,
  );
  await addCheck(
    knex,
    'demands',
    'demands_coordinates_check',
    `(latitude IS NULL) = (longitude IS NULL)
     AND (latitude IS NULL OR latitude BETWEEN -90 AND 90)
     AND (longitude IS NULL OR longitude BETWEEN -180 AND 180)`,
  );
  // Several demands merged into one group keep their own process instance, never a shared one.
  await knex.raw(`CREATE UNIQUE INDEX demands_process_instance_key_unique
    ON demands (process_instance_key) WHERE process_instance_key IS NOT NULL`);

  // Repeats are merged, not deleted (国办函〔2025〕66号): each repeat points at the group, whose
  // primary demand carries the handling; repeats count toward listed supervision.
  await knex.schema.createTable('duplicate_groups', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('primary_demand_id').notNullable().unique().references('id').inTable('demands');
    t.text('reason');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.alterTable('demands', (t) => {
    t.foreign('duplicate_group_id', 'demands_duplicate_group_id_foreign')
      .references('id')
      .inTable('duplicate_groups');
  });

  // 首接负责 and 吹哨报到: one lead unit, any number of co-units; objections end an assignment
  // rather than editing it, so the dispatch history stays readable.
  await knex.schema.createTable('assignments', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('demand_id').notNullable().references('id').inTable('demands');
    t.text('unit_code').notNullable().references('code').inTable('org_units');
    t.text('role').notNullable();
    t.text('tier').notNullable();
    // The person in the unit who carries the case: the village micro-ledger names them.
    t.bigInteger('handler_user_id').references('id').inTable('users');
    t.timestamp('assigned_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.bigInteger('assigned_by_user_id').references('id').inTable('users');
    t.text('status').notNullable().defaultTo('active');
    t.text('objection_reason');
    t.timestamp('ended_at', { useTz: true });
    t.index(['demand_id']);
    t.index(['unit_code', 'status']);
  });
  await addCheck(knex, 'assignments', 'assignments_role_check', oneOf('role', ['lead', 'co']));
  await addCheck(knex, 'assignments', 'assignments_tier_check', oneOf('tier', HANDLING_TIERS));
  await addCheck(
    knex,
    'assignments',
    'assignments_status_check',
    oneOf('status', ['active', 'objected', 'withdrawn', 'completed']),
  );
  // The dispatcher reviews an objection on its stated grounds (派单异议).
  await addCheck(
    knex,
    'assignments',
    'assignments_objection_check',
    `status <> 'objected' OR (objection_reason IS NOT NULL AND btrim(objection_reason) <> '')`,
  );
  await knex.raw(`CREATE UNIQUE INDEX assignments_one_active_lead
    ON assignments (demand_id) WHERE role = 'lead' AND status = 'active'`);
  await knex.raw(`CREATE UNIQUE INDEX assignments_one_active_per_unit
    ON assignments (demand_id, unit_code) WHERE status = 'active'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('assignments');
  await knex.schema.alterTable('demands', (t) => {
    t.dropForeign(['duplicate_group_id'], 'demands_duplicate_group_id_foreign');
  });
  await knex.schema.dropTable('duplicate_groups');
  await knex.schema.dropTable('demands');
}
