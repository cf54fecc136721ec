import type { Knex } from 'knex';

/*
 * Helpers shared by the migrations. A migration that has shipped must keep producing the same
 * schema, so these may gain new helpers but never change what an existing one emits.
 */

/** `column IN ('a', 'b')` for a CHECK. Values are constants written in the migrations. */
export function oneOf(column: string, values: readonly string[]): string {
  const literals = values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ');
  return `${column} IN (${literals})`;
}

/**
 * Adds a named CHECK. Enumerations are text + CHECK rather than PG enum types, so adding a
 * value later is a constraint swap inside a transaction, not an ALTER TYPE.
 */
export async function addCheck(
  knex: Knex,
  table: string,
  name: string,
  predicate: string,
): Promise<void> {
  // knex turns every `?` in raw SQL into a bind parameter, which would corrupt the predicate.
  if (predicate.includes('?')) throw new Error(`CHECK ${name}: write the predicate without '?'`);
  await knex.raw(`ALTER TABLE ?? ADD CONSTRAINT ?? CHECK (${predicate})`, [table, name]);
}

/** Lower-case hex SHA-256, as written by node's `digest('hex')`. */
export const SHA256_HEX = `'^[0-9a-f]{64}$'`;

/** The tiers a demand can be handled at (org_units also has grid, department and city). */
export const HANDLING_TIERS = ['village', 'township', 'district', 'city'] as const;

/** Makes a table append-only with `forbid_change()` (migration 003): rows in, never out. */
export async function makeAppendOnly(knex: Knex, table: string): Promise<void> {
  await knex.raw(
    `CREATE TRIGGER ?? BEFORE UPDATE OR DELETE ON ?? FOR EACH ROW EXECUTE FUNCTION forbid_change()`,
    [`${table}_append_only`, table],
  );
  await knex.raw(
    `CREATE TRIGGER ?? BEFORE TRUNCATE ON ?? FOR EACH STATEMENT EXECUTE FUNCTION forbid_change()`,
    [`${table}_no_truncate`, table],
  );
}
