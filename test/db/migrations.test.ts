import type { Knex } from 'knex';
import { migrateAllDown, migrateToLatest, migrationConfig, migrationNames } from '../../migrations';
import { useTestDatabase } from '../support/database';

/** The tables other code is written against. */
const TABLES = [
  'org_units',
  'process_deployments',
  'department_domains',
  'roles',
  'users',
  'user_roles',
  'demands',
  'duplicate_groups',
  'assignments',
  'ledger_events',
  'demand_clocks',
  'demand_history',
  'clock_pauses',
  'clock_extensions',
  'supervision_orders',
  'return_visits',
  'sign_offs',
  'notification_outbox',
  'archive_entries',
  'unit_ladder',
  'unit_rankings',
  'unit_warnings',
  'access_log',
  'audit_log',
  'staff_sessions',
  'login_throttle',
  'channel_keys',
  'demand_attachments',
  'demand_code_counters',
  'process_start_outbox',
  'job_effects',
  'triage_models',
  'triage_decisions',
  'demand_monthly_counts',
  'spot_checks',
];
const VIEWS = [
  'org_unit_places',
  'ledger_current',
  'district_master_ledger',
  'township_sub_ledger',
  'village_micro_ledger',
];
const APPEND_ONLY = [
  'ledger_events',
  'archive_entries',
  'access_log',
  'audit_log',
  'demand_history',
];

async function rows<T>(knex: Knex, sql: string): Promise<T[]> {
  const result = await knex.raw<{ rows: T[] }>(sql);
  return result.rows;
}

async function relations(knex: Knex, type: 'BASE TABLE' | 'VIEW'): Promise<string[]> {
  const found = await rows<{ table_name: string }>(
    knex,
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = '${type}' AND table_name NOT LIKE 'knex_%'
      ORDER BY table_name`,
  );
  return found.map((r) => r.table_name);
}

/**
 * Everything a migration can leave behind in the public schema (relations of every kind,
 * columns, constraints, triggers, functions), rendered as text so two states can be compared.
 */
async function schemaObjects(knex: Knex): Promise<string[]> {
  const found = await rows<{ object: string }>(
    knex,
    `SELECT 'relation ' || c.relkind::text || ' ' || c.relname AS object
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname NOT LIKE 'knex_%'
     UNION ALL
     SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' '
            || is_nullable || ' ' || coalesce(column_default, '')
       FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name NOT LIKE 'knex_%'
     UNION ALL
     SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' '
            || pg_get_constraintdef(oid)
       FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE 'knex_%'
     UNION ALL
     SELECT 'index ' || indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename NOT LIKE 'knex_%'
     UNION ALL
     SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'
     UNION ALL
     SELECT 'trigger ' || tgrelid::regclass::text || ' ' || pg_get_triggerdef(oid)
       FROM pg_trigger WHERE NOT tgisinternal
     UNION ALL
     SELECT 'function ' || p.oid::regprocedure::text
       FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
     ORDER BY 1`,
  );
  return found.map((r) => r.object);
}

describe('domain schema migrations', () => {
  const db = useTestDatabase({ empty: true });

  it('creates the tables, views and append-only triggers the code relies on', async () => {
    const applied = await migrateToLatest(db.knex);
    expect(applied).toEqual(migrationNames);
    expect(await relations(db.knex, 'BASE TABLE')).toEqual([...TABLES].sort());
    expect(await relations(db.knex, 'VIEW')).toEqual([...VIEWS].sort());

    const triggers = await rows<{ table: string; trigger: string }>(
      db.knex,
      `SELECT tgrelid::regclass::text AS table, tgname AS trigger
         FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`,
    );
    expect(triggers).toEqual(
      [...APPEND_ONLY].sort().flatMap((table) => [
        { table, trigger: `${table}_append_only` },
        { table, trigger: `${table}_no_truncate` },
      ]),
    );
  });

  it('migrating down leaves nothing, and up again rebuilds the same schema', async () => {
    const afterFirstUp = await schemaObjects(db.knex);
    expect(afterFirstUp).toContain('function forbid_change()');

    await migrateAllDown(db.knex);
    expect(await schemaObjects(db.knex)).toEqual([]);

    expect(await migrateToLatest(db.knex)).toEqual(migrationNames);
    expect(await schemaObjects(db.knex)).toEqual(afterFirstUp);
  });

  it('running the migrations again when up to date changes nothing', async () => {
    expect(await migrateToLatest(db.knex)).toEqual([]);
  });

  it('rolls each migration back on its own, newest first', async () => {
    for (const name of [...migrationNames].reverse()) {
      const before = await schemaObjects(db.knex);
      const [, undone] = (await db.knex.migrate.down(migrationConfig)) as [number, string[]];
      expect(undone).toEqual([name]);
      expect(await schemaObjects(db.knex)).not.toEqual(before);
    }
    expect(await schemaObjects(db.knex)).toEqual([]);
  });
});
