import type { Knex } from 'knex';
import { SHA256_HEX } from './sql';

/**
 * What `npm start` last deployed from `processes/` to an engine: one row per engine (the
 * embedded one, or a cluster by its address) and resource file, with the SHA-256 of the
 * content. A file is deployed again only when its content changed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('process_deployments', (table) => {
    table.text('engine').notNullable();
    table.text('resource_name').notNullable();
    table.text('content_sha256').notNullable();
    table.text('deployment_key').notNullable();
    // Process ids the resource defines (for a BPMN file): checked against the engine at start.
    table.specificType('process_ids', 'text[]').notNullable().defaultTo('{}');
    table.timestamp('deployed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.primary(['engine', 'resource_name']);
  });
  await knex.raw(
    `ALTER TABLE process_deployments ADD CONSTRAINT process_deployments_sha256 CHECK (content_sha256 ~ ${SHA256_HEX})`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('process_deployments');
}
