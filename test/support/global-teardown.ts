import fs from 'node:fs';
import pg from 'pg';
import type { TestRun } from './test-run';

export default async function globalTeardown(): Promise<void> {
  const run = (globalThis as { __minshengTestRun?: TestRun }).__minshengTestRun;
  if (!run) return;
  if (run.embedded) {
    await run.embedded.stop();
  } else {
    // An external server outlives the run: drop every database this run made.
    const admin = new pg.Client({ connectionString: run.adminUrl });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
      [`minsheng_t_${run.runId}_%`, run.templateDb],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(datname)} WITH (FORCE)`);
    }
    await admin.end();
  }
  if (run.tmpDir) fs.rmSync(run.tmpDir, { recursive: true, force: true });
}
