import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  createKnex,
  startEmbeddedPostgres,
  withDatabase,
  type EmbeddedPostgres,
} from '../../platform';
import { migrateToLatest } from '../../migrations';
import { TEST_ENV, type TestRun } from './test-run';
import { freePort } from './ports';
import { buildWebApp, MODELER_DIR, MODELER_DIST_DIR, webAppBuilt } from '../../server/web-app';

/**
 * One PostgreSQL server for the whole run: the one named by DATABASE_URL, or a throw-away
 * embedded cluster in a temporary folder. The schema is migrated once into a template
 * database; every test file then copies it (`CREATE DATABASE … TEMPLATE`) in milliseconds.
 */
export default async function globalSetup(): Promise<void> {
  // Without web/dist every `npm start` a system test runs would build the web app itself
  // (and a killed one would leave its build running): build it once here, beside the rest.
  // Browser tests rebuild it when a source is newer (test/support/web-app.ts).
  const webBuild = webAppBuilt() ? undefined : buildWebApp().done;
  const modelerBuild = webAppBuilt(MODELER_DIST_DIR)
    ? undefined
    : buildWebApp(MODELER_DIST_DIR, MODELER_DIR).done;
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  let adminUrl: string;
  let embedded: EmbeddedPostgres | undefined;
  let tmpDir: string | undefined;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-test-'));
    // The server may run as another account (when we are root): it must reach its data folder.
    fs.chmodSync(tmpDir, 0o755);
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(tmpDir, 'pgdata'),
      port: await freePort(),
      durability: 'ephemeral',
    });
    adminUrl = embedded.adminUrl;
  }

  const templateDb = `minsheng_tpl_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(templateDb)}`);
  await admin.end();
  const knex = createKnex(withDatabase(adminUrl, templateDb), { poolMax: 1 });
  try {
    await migrateToLatest(knex);
  } finally {
    await knex.destroy();
  }

  await webBuild;
  await modelerBuild;
  const run: TestRun = { runId, adminUrl, templateDb, embedded, tmpDir };
  (globalThis as { __minshengTestRun?: TestRun }).__minshengTestRun = run;
  process.env[TEST_ENV.adminUrl] = adminUrl;
  process.env[TEST_ENV.templateDb] = templateDb;
  process.env[TEST_ENV.runId] = runId;
}
