import type pg from 'pg';

/**
 * The engine's own tables, in schema `engine`, created on start. They are the engine's
 * private storage (the log and its snapshots), separate from the domain schema: the domain
 * talks to the engine only through its APIs.
 */
const STATEMENTS = [
  `CREATE SCHEMA IF NOT EXISTS engine`,
  `CREATE TABLE IF NOT EXISTS engine.records (
     position bigint PRIMARY KEY,
     record_key bigint NOT NULL,
     record_type text NOT NULL,
     value_type text NOT NULL,
     intent text NOT NULL,
     source_position bigint NOT NULL,
     process_instance_key bigint NOT NULL,
     recorded_at timestamptz NOT NULL,
     rejection_type text,
     rejection_reason text,
     value text NOT NULL,
     hash text NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS records_process_instance
     ON engine.records (process_instance_key) WHERE process_instance_key <> -1`,
  `CREATE TABLE IF NOT EXISTS engine.snapshots (
     position bigint PRIMARY KEY,
     taken_at timestamptz NOT NULL DEFAULT now(),
     state text NOT NULL
   )`,
  // Follow-up commands deferred behind other commands and still waiting when it was taken.
  `ALTER TABLE engine.snapshots ADD COLUMN IF NOT EXISTS deferred_commands bigint[] NOT NULL DEFAULT '{}'`,
  // History lookups find an instance's call-activity children through this index instead of
  // reading every process activation in the log.
  `CREATE INDEX IF NOT EXISTS records_called_instances
     ON engine.records (((value::jsonb ->> 'parentProcessInstanceKey')::bigint))
     WHERE record_type = 'EVENT' AND value_type = 'PROCESS_INSTANCE'
       AND intent = 'ELEMENT_ACTIVATING' AND record_key = process_instance_key`,
];

export async function ensureEngineSchema(client: pg.ClientBase): Promise<void> {
  // Serialise concurrent first starts against the same database.
  await client.query('SELECT pg_advisory_lock(7361001)');
  try {
    for (const statement of STATEMENTS) await client.query(statement);
  } finally {
    await client.query('SELECT pg_advisory_unlock(7361001)');
  }
}
