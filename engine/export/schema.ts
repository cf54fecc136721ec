import type pg from 'pg';
import { DEPLOYED_RESOURCE_STATEMENTS } from './deployment-projection';
import { USER_TASK_STATEMENTS } from './user-task-projection';

/**
 * Search tables the exporter projects the log into (what Camunda keeps in its secondary
 * storage). They are derived data: dropping them and the exporter position rebuilds them,
 * which is what happens when their layout version below changes.
 */
const LAYOUT_VERSION = 5;

const SEARCH_TABLES = [
  'process_definitions',
  'process_instances',
  'element_instances',
  'variables',
  'incidents',
  'user_tasks',
  'decision_definitions',
  'decision_requirements',
  'forms',
];

const STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS engine.exporter_position (
     id int PRIMARY KEY,
     position bigint NOT NULL
   )`,
  // element_names: element id → name, for the elements that have one (Camunda's process cache
  // answers element and user task names from the deployed model the same way).
  `CREATE TABLE IF NOT EXISTS engine.process_definitions (
     key bigint PRIMARY KEY,
     bpmn_process_id text NOT NULL,
     version int NOT NULL,
     name text,
     resource_name text NOT NULL,
     deployment_key bigint NOT NULL,
     tenant_id text NOT NULL,
     xml text NOT NULL,
     element_names jsonb NOT NULL,
     version_tag text
   )`,
  `CREATE TABLE IF NOT EXISTS engine.process_instances (
     key bigint PRIMARY KEY,
     process_definition_key bigint NOT NULL,
     bpmn_process_id text NOT NULL,
     version int NOT NULL,
     state text NOT NULL,
     start_date timestamptz,
     end_date timestamptz,
     parent_process_instance_key bigint NOT NULL,
     parent_element_instance_key bigint NOT NULL,
     tenant_id text NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS engine.element_instances (
     key bigint PRIMARY KEY,
     process_instance_key bigint NOT NULL,
     process_definition_key bigint NOT NULL,
     bpmn_process_id text NOT NULL,
     element_id text NOT NULL,
     type text NOT NULL,
     state text NOT NULL,
     start_date timestamptz,
     end_date timestamptz,
     tenant_id text NOT NULL,
     flow_scope_key bigint NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS element_instances_pi ON engine.element_instances (process_instance_key)`,
  `CREATE TABLE IF NOT EXISTS engine.variables (
     key bigint PRIMARY KEY,
     name text NOT NULL,
     value text NOT NULL,
     scope_key bigint NOT NULL,
     process_instance_key bigint NOT NULL,
     tenant_id text NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS variables_pi ON engine.variables (process_instance_key)`,
  `CREATE INDEX IF NOT EXISTS variables_scope ON engine.variables (scope_key)`,
  `CREATE TABLE IF NOT EXISTS engine.incidents (
     key bigint PRIMARY KEY,
     error_type text NOT NULL,
     error_message text NOT NULL,
     bpmn_process_id text NOT NULL,
     process_definition_key bigint NOT NULL,
     process_instance_key bigint NOT NULL,
     element_id text NOT NULL,
     element_instance_key bigint NOT NULL,
     job_key bigint NOT NULL,
     state text NOT NULL,
     creation_time timestamptz NOT NULL,
     tenant_id text NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS incidents_pi ON engine.incidents (process_instance_key)`,
  ...USER_TASK_STATEMENTS,
  ...DEPLOYED_RESOURCE_STATEMENTS,
];

/** Tables of an older layout are dropped with the exporter position: the exporter re-exports. */
async function rebuildIfOutdated(client: pg.ClientBase): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS engine.search_layout (
     id int PRIMARY KEY,
     version int NOT NULL
   )`);
  const { rows } = await client.query<{ version: number }>(
    'SELECT version FROM engine.search_layout WHERE id = 1',
  );
  if (rows[0]?.version === LAYOUT_VERSION) return;
  for (const table of SEARCH_TABLES) await client.query(`DROP TABLE IF EXISTS engine.${table}`);
  await client.query('DROP TABLE IF EXISTS engine.exporter_position');
  await client.query(
    `INSERT INTO engine.search_layout (id, version) VALUES (1, $1)
     ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version`,
    [LAYOUT_VERSION],
  );
}

export async function ensureSearchSchema(client: pg.ClientBase): Promise<void> {
  // Same lock as the log's schema: concurrent first starts against one database serialise.
  await client.query('SELECT pg_advisory_lock(7361001)');
  try {
    await client.query('CREATE SCHEMA IF NOT EXISTS engine');
    await rebuildIfOutdated(client);
    for (const statement of STATEMENTS) await client.query(statement);
  } finally {
    await client.query('SELECT pg_advisory_unlock(7361001)');
  }
}
