import type { Knex } from 'knex';
import { addCheck, HANDLING_TIERS, makeAppendOnly, oneOf } from './sql';

/**
 * The three-tier ledger (台账): an append-only event log per demand and tier, and views that
 * derive the current district master ledger, township sub-ledgers and village micro-ledgers.
 * Corrections are new events, so the ledger stays traceable "from source to result".
 */

export async function up(knex: Knex): Promise<void> {
  // Shared by every append-only table (ledger, archive, access and audit logs). Enforced in the
  // database so that no code path, console session or bug can rewrite history.
  await knex.raw(`CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% on % is not allowed: the table is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation',
              HINT = 'Append a new row (for example a correcting event) instead.';
    END
  $$`);

  await knex.schema.createTable('ledger_events', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('demand_id').notNullable().references('id').inTable('demands');
    t.text('tier').notNullable();
    // The ledger owner: the village, township or district whose ledger this entry is in.
    t.text('unit_code').notNullable().references('code').inTable('org_units');
    // Open vocabulary (entered, assigned, progress, resolved, …): new kinds need no migration.
    t.text('event_type').notNullable();
    t.jsonb('payload').notNullable().defaultTo('{}');
    t.bigInteger('actor_user_id').references('id').inTable('users');
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['demand_id', 'tier', 'occurred_at', 'id']);
    t.index(['unit_code', 'occurred_at']);
  });
  await addCheck(knex, 'ledger_events', 'ledger_events_tier_check', oneOf('tier', HANDLING_TIERS));
  await addCheck(
    knex,
    'ledger_events',
    'ledger_events_event_type_check',
    `event_type ~ '^[a-z][a-z0-9_]*$'`,
  );
  await addCheck(
    knex,
    'ledger_events',
    'ledger_events_payload_check',
    `jsonb_typeof(payload) = 'object'`,
  );
  await makeAppendOnly(knex, 'ledger_events');

  // Each unit's place in the tree, so a demand located at a grid files under its village and
  // township. The tree has a fixed depth (grid → village → township), hence plain joins.
  await knex.raw(`CREATE VIEW org_unit_places AS
    SELECT u.code AS unit_code,
           CASE WHEN u.tier = 'grid' THEN u.code END AS grid_code,
           CASE WHEN u.tier = 'village' THEN u.code
                WHEN p1.tier = 'village' THEN p1.code END AS village_code,
           CASE WHEN u.tier = 'township' THEN u.code
                WHEN p1.tier = 'township' THEN p1.code
                WHEN p2.tier = 'township' THEN p2.code END AS township_code
      FROM org_units u
      LEFT JOIN org_units p1 ON p1.code = u.parent_code
      LEFT JOIN org_units p2 ON p2.code = p1.parent_code`);

  // Events written in one transaction share occurred_at (now() is the transaction time): the
  // id breaks the tie.
  await knex.raw(`CREATE VIEW ledger_current AS
    SELECT DISTINCT ON (e.demand_id, e.tier)
           e.demand_id,
           e.tier,
           e.unit_code,
           e.event_type AS last_event_type,
           e.occurred_at AS last_occurred_at,
           (count(*) OVER (PARTITION BY e.demand_id, e.tier))::integer AS entry_count
      FROM ledger_events e
     ORDER BY e.demand_id, e.tier, e.occurred_at DESC, e.id DESC`);

  await knex.raw(
    tierLedger(
      'district_master_ledger',
      'district',
      `place.township_code, township.name AS township_name,
       place.village_code, village.name AS village_name`,
      `LEFT JOIN org_units township ON township.code = place.township_code
       LEFT JOIN org_units village ON village.code = place.village_code`,
    ),
  );
  // 分台账: one folder per village. A demand placed at the township itself has no folder.
  await knex.raw(
    tierLedger(
      'township_sub_ledger',
      'township',
      `place.village_code, village.name AS village_name`,
      `LEFT JOIN org_units village ON village.code = place.village_code`,
    ),
  );
  // 微台账: down to the grid and the person carrying the case for the active lead unit.
  await knex.raw(
    tierLedger(
      'village_micro_ledger',
      'village',
      `place.grid_code, grid.name AS grid_name,
       lead.unit_code AS lead_unit_code, lead.handler_user_id, handler.display_name AS handler_name`,
      `LEFT JOIN org_units grid ON grid.code = place.grid_code
       LEFT JOIN assignments lead
              ON lead.demand_id = d.id AND lead.role = 'lead' AND lead.status = 'active'
       LEFT JOIN users handler ON handler.id = lead.handler_user_id`,
    ),
  );
}

/** One tier's current ledger: the columns every tier shows, plus that tier's folder columns. */
function tierLedger(
  view: string,
  tier: string,
  folderColumns: string,
  folderJoins: string,
): string {
  return `CREATE VIEW ${view} AS
    SELECT c.demand_id,
           d.code AS demand_code,
           d.title,
           d.category,
           d.domain,
           d.status AS demand_status,
           d.tier AS demand_tier,
           d.received_at,
           c.unit_code,
           owner.name AS unit_name,
           d.responsible_unit_code,
           responsible.name AS responsible_unit_name,
           d.location_unit_code,
           location.name AS location_unit_name,
           ${folderColumns},
           c.last_event_type,
           c.last_occurred_at,
           c.entry_count
      FROM ledger_current c
      JOIN demands d ON d.id = c.demand_id
      JOIN org_units owner ON owner.code = c.unit_code
      LEFT JOIN org_units responsible ON responsible.code = d.responsible_unit_code
      LEFT JOIN org_units location ON location.code = d.location_unit_code
      LEFT JOIN org_unit_places place ON place.unit_code = d.location_unit_code
      ${folderJoins}
     WHERE c.tier = '${tier}'`;
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP VIEW village_micro_ledger');
  await knex.raw('DROP VIEW township_sub_ledger');
  await knex.raw('DROP VIEW district_master_ledger');
  await knex.raw('DROP VIEW ledger_current');
  await knex.raw('DROP VIEW org_unit_places');
  await knex.schema.dropTable('ledger_events');
  await knex.raw('DROP FUNCTION forbid_change()');
}
