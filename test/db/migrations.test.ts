import { migrateAllDown, migrateToLatest, migrationNames } from '../../migrations';
import { useTestDatabase } from '../support/database';

async function userTables(db: { knex: import('knex').Knex }): Promise<string[]> {
  const { rows } = await db.knex.raw<{ rows: { table_name: string }[] }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_name NOT LIKE 'knex_%' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

describe('domain schema migrations', () => {
  const db = useTestDatabase({ empty: true });

  it('migrate up, down and up again leaves the same schema', async () => {
    const applied = await migrateToLatest(db.knex);
    expect(applied).toEqual(migrationNames);
    const tablesAfterFirstUp = await userTables(db);
    expect(tablesAfterFirstUp).toEqual(expect.arrayContaining(['org_units', 'users']));

    await migrateAllDown(db.knex);
    expect(await userTables(db)).toEqual([]);

    await migrateToLatest(db.knex);
    expect(await userTables(db)).toEqual(tablesAfterFirstUp);
  });

  it('running the migrations again when up to date changes nothing', async () => {
    expect(await migrateToLatest(db.knex)).toEqual([]);
  });
});
