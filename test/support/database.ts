import crypto from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import { createKnex, withDatabase } from '../../platform';
import { TEST_ENV } from './test-run';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest's global setup`);
  return value;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: requiredEnv(TEST_ENV.adminUrl) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for one test file, copied from the migrated template.
 * `empty: true` gives a database with no schema at all (for migration tests).
 */
export async function createTestDatabase(
  options: { empty?: boolean } = {},
): Promise<{ name: string; url: string }> {
  const name = `minsheng_t_${requiredEnv(TEST_ENV.runId)}_${crypto.randomBytes(4).toString('hex')}`;
  const template = options.empty ? 'template0' : requiredEnv(TEST_ENV.templateDb);
  await admin((client) =>
    client.query(
      `CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(template)}`,
    ),
  );
  return { name, url: withDatabase(requiredEnv(TEST_ENV.adminUrl), name) };
}

export async function dropTestDatabase(name: string): Promise<void> {
  await admin((client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
  );
}

/**
 * Registers beforeAll/afterAll hooks giving the test file its own migrated database.
 * Call at the top of a describe block; use `db.knex` inside tests.
 */
export function useTestDatabase(options: { empty?: boolean } = {}): {
  readonly knex: Knex;
  readonly url: string;
} {
  let created: { name: string; url: string } | undefined;
  let knex: Knex | undefined;
  beforeAll(async () => {
    created = await createTestDatabase(options);
    knex = createKnex(created.url, { poolMax: 4 });
  });
  afterAll(async () => {
    await knex?.destroy();
    if (created) await dropTestDatabase(created.name);
  });
  return {
    get knex() {
      if (!knex) throw new Error('the test database is only available inside tests');
      return knex;
    },
    get url() {
      if (!created) throw new Error('the test database is only available inside tests');
      return created.url;
    },
  };
}
