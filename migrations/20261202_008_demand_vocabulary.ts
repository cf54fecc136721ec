import type { Knex } from 'knex';
import { addCheck, makeAppendOnly, oneOf } from './sql';

/**
 * Aligns the demand tables with the HTTP contract's vocabulary (channels, categories, statuses,
 * screening outcomes) and adds what a demand's life needs: where it stands in the org tree,
 * the screening decision, the triage suggestion, the petition flag, the accused unit of a
 * complaint, and an append-only history that every actor writes to.
 */

// Copies of the contract's lists: a shipped migration must keep producing the same schema, so
// it does not import them from the application.
const CHANNELS = [
  'hotline_12345',
  'wechat',
  'qr_scan',
  'mailbox',
  'questionnaire',
  'door_visit',
  'online_forum',
  'leader_reception',
  'letter',
  'citizen_web',
];
const CATEGORIES = ['consultation', 'suggestion', 'request', 'complaint', 'collective', 'other'];
const STATUSES = [
  'received',
  'screening',
  'reviewing',
  'dispatching',
  'handling',
  'paused',
  'awaiting_verification',
  'signoff',
  'archived',
  'diverted',
  'merged',
  'closed_invalid',
];
// Once handling starts a demand must say which tier and unit carry it.
const ROUTED_STATUSES = ['handling', 'paused', 'awaiting_verification', 'signoff', 'archived'];
const OUTCOMES = [
  'valid',
  'invalid_repeat_no_new_facts',
  'invalid_false_info',
  'invalid_out_of_scope',
  'divert_legal_channel',
  'divert_emergency',
];
const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'];

const OLD_CHANNELS = [
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
const OLD_CATEGORIES = [
  'consultation',
  'suggestion',
  'request_for_help',
  'complaint',
  'collective',
  'petition',
];
const OLD_ROUTED = [
  'dispatched',
  'in_progress',
  'resolved',
  'verifying',
  'signing_off',
  'archived',
];
const OLD_STATUSES = ['received', 'screening', 'invalid', 'redirected', ...OLD_ROUTED];

const NEW_ROLES = [
  {
    code: 'discipline_inspector',
    name: '纪检监察',
    description: 'supervises complaints against officials and units',
  },
  {
    code: 'process_owner',
    name: '流程管理员',
    description: 'edits and deploys processes, decisions and forms',
  },
];

export async function up(knex: Knex): Promise<void> {
  await knex('roles').insert(NEW_ROLES);

  for (const name of [
    'demands_channel_check',
    'demands_category_check',
    'demands_status_check',
    'demands_invalid_reason_check',
    'demands_routed_check',
  ]) {
    await knex.raw('ALTER TABLE demands DROP CONSTRAINT ??', [name]);
  }
  // Unknown until screening decides (the suggestion may propose one at intake).
  await knex.raw('ALTER TABLE demands ALTER COLUMN category DROP NOT NULL');
  await knex.schema.alterTable('demands', (t) => {
    t.dropColumn('invalid_reason');
    // When the citizen raised it (duplicate windows, statistics); clocks start at receipt.
    t.timestamp('submitted_at', { useTz: true });
    // The demand's place in the org tree, resolved once from location_unit_code: scopes and
    // routing stay within its own district.
    t.text('district_code').references('code').inTable('org_units');
    t.text('township_code').references('code').inTable('org_units');
    t.text('village_code').references('code').inTable('org_units');
    t.text('grid_code').references('code').inTable('org_units');
    t.text('screening_outcome');
    t.text('screening_reason_code');
    t.text('screening_explanation');
    t.text('diverted_to');
    t.bigInteger('duplicate_of_demand_id').references('id').inTable('demands');
    // A complaint that accuses a unit or its staff: never routed to it, and the citizen's
    // identity is never shown to it or the units below it.
    t.text('accused_unit_code').references('code').inTable('org_units');
    t.boolean('is_petition').notNullable().defaultTo(false);
    // What the system proposed on its own at intake (API.md `suggestion`).
    t.jsonb('suggestion');
    t.text('result');
    t.timestamp('resolved_at', { useTz: true });
    t.text('satisfaction');
    t.integer('unsatisfied_count').notNullable().defaultTo(0);
    t.timestamp('archived_at', { useTz: true });
    t.bigInteger('channel_key_id');
    t.index(['district_code', 'status']);
    t.index(['township_code']);
    t.index(['village_code']);
    t.index(['accused_unit_code']);
  });
  await addCheck(knex, 'demands', 'demands_channel_check', oneOf('channel', CHANNELS));
  await addCheck(
    knex,
    'demands',
    'demands_category_check',
    `category IS NULL OR ${oneOf('category', CATEGORIES)}`,
  );
  await addCheck(knex, 'demands', 'demands_status_check', oneOf('status', STATUSES));
  await addCheck(
    knex,
    'demands',
    'demands_routed_check',
    `NOT ${oneOf('status', ROUTED_STATUSES)} OR (tier IS NOT NULL AND responsible_unit_code IS NOT NULL)`,
  );
  await addCheck(
    knex,
    'demands',
    'demands_screening_check',
    `(screening_outcome IS NULL OR ${oneOf('screening_outcome', OUTCOMES)})
     AND (diverted_to IS NULL OR ${oneOf('diverted_to', ['110', '119', '120', '122'])})
     AND (status <> 'closed_invalid' OR screening_explanation IS NOT NULL)
     AND (status <> 'merged' OR duplicate_of_demand_id IS NOT NULL)
     AND (duplicate_of_demand_id IS NULL OR duplicate_of_demand_id <> id)`,
  );
  await addCheck(
    knex,
    'demands',
    'demands_verification_check',
    `(satisfaction IS NULL OR ${oneOf('satisfaction', SATISFACTIONS)})
     AND unsatisfied_count >= 0
     AND (status = 'archived') = (archived_at IS NOT NULL)`,
  );

  // What happened to a demand, by whom, in order: the `history` of GET /api/demands/{code}.
  // Jobs arrive at least once, so an effect names itself with a dedupe key and is written once.
  await knex.schema.createTable('demand_history', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('demand_id').notNullable().references('id').inTable('demands');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('actor').notNullable();
    t.text('action').notNullable();
    t.jsonb('detail').notNullable().defaultTo('{}');
    t.text('dedupe_key').unique();
    t.index(['demand_id', 'at', 'id']);
  });
  await addCheck(
    knex,
    'demand_history',
    'demand_history_check',
    `btrim(actor) <> '' AND action ~ '^[a-z][a-z0-9_.]*$' AND jsonb_typeof(detail) = 'object'`,
  );
  await makeAppendOnly(knex, 'demand_history');

  // Effects written by job workers carry the same kind of key.
  for (const table of ['ledger_events', 'supervision_orders', 'return_visits', 'sign_offs']) {
    await knex.schema.alterTable(table, (t) => {
      t.text('dedupe_key').unique();
    });
  }
  await knex.schema.alterTable('sign_offs', (t) => {
    t.boolean('approved').notNullable().defaultTo(true);
  });
  await knex.raw('ALTER TABLE return_visits DROP CONSTRAINT return_visits_method_check');
  await addCheck(
    knex,
    'return_visits',
    'return_visits_method_check',
    oneOf('method', ['phone', 'on_site', 'online', 'sms', 'citizen_web']),
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE return_visits DROP CONSTRAINT return_visits_method_check');
  await addCheck(
    knex,
    'return_visits',
    'return_visits_method_check',
    oneOf('method', ['phone', 'on_site', 'online', 'sms']),
  );
  await knex.schema.alterTable('sign_offs', (t) => {
    t.dropColumn('approved');
  });
  for (const table of ['ledger_events', 'supervision_orders', 'return_visits', 'sign_offs']) {
    await knex.schema.alterTable(table, (t) => {
      t.dropColumn('dedupe_key');
    });
  }
  await knex.schema.dropTable('demand_history');
  for (const name of [
    'demands_channel_check',
    'demands_category_check',
    'demands_status_check',
    'demands_routed_check',
    'demands_screening_check',
    'demands_verification_check',
  ]) {
    await knex.raw('ALTER TABLE demands DROP CONSTRAINT ??', [name]);
  }
  await knex.schema.alterTable('demands', (t) => {
    for (const column of [
      'submitted_at',
      'district_code',
      'township_code',
      'village_code',
      'grid_code',
      'screening_outcome',
      'screening_reason_code',
      'screening_explanation',
      'diverted_to',
      'duplicate_of_demand_id',
      'accused_unit_code',
      'is_petition',
      'suggestion',
      'result',
      'resolved_at',
      'satisfaction',
      'unsatisfied_count',
      'archived_at',
      'channel_key_id',
    ]) {
      t.dropColumn(column);
    }
    t.text('invalid_reason');
  });
  await knex.raw('ALTER TABLE demands ALTER COLUMN category SET NOT NULL');
  // Migration 002's vocabulary, as it was.
  await addCheck(knex, 'demands', 'demands_channel_check', oneOf('channel', OLD_CHANNELS));
  await addCheck(knex, 'demands', 'demands_category_check', oneOf('category', OLD_CATEGORIES));
  await addCheck(knex, 'demands', 'demands_status_check', oneOf('status', OLD_STATUSES));
  await addCheck(
    knex,
    'demands',
    'demands_invalid_reason_check',
    `CASE status
       WHEN 'invalid' THEN invalid_reason IS NOT NULL AND ${oneOf('invalid_reason', ['duplicate', 'false_information', 'out_of_scope'])}
       WHEN 'redirected' THEN invalid_reason IS NOT NULL AND ${oneOf('invalid_reason', ['emergency_redirected', 'legal_procedure_redirected'])}
       ELSE invalid_reason IS NULL
     END`,
  );
  await addCheck(
    knex,
    'demands',
    'demands_routed_check',
    `NOT ${oneOf('status', OLD_ROUTED)} OR (tier IS NOT NULL AND responsible_unit_code IS NOT NULL)`,
  );
  await knex('roles').whereIn('code', ['discipline_inspector', 'process_owner']).delete();
}
