/**
 * `npm start`: the composition root. Boots PostgreSQL (embedded unless DATABASE_URL is set),
 * migrates, seeds the demo district when the database is empty, and serves the web app.
 * Ctrl-C (or SIGTERM) shuts everything down in reverse order.
 */
import type { Server } from 'node:http';
import { createKnex, createLog, loadPlatformConfig, openDatabaseServer } from '../platform';
import { migrateToLatest } from '../migrations';
import { calendarCoverage } from '../domain/calendar';
import { loadDataKey } from '../domain/pii';
import { seedDemoIfEmpty, type DemoLogin } from './org';
import { createApp } from './app';

const log = createLog('minsheng');
const cleanups: Array<() => Promise<void>> = [];

async function main(): Promise<void> {
  const config = loadPlatformConfig();
  const dataKey = loadDataKey({
    env: process.env,
    dataDir: config.dataDir,
    warn: (m) => log(`WARNING: ${m}`),
  });
  warnIfCalendarEndsSoon();

  const db = await openDatabaseServer(config, createLog('postgres'));
  cleanups.push(db.stop);
  log(`database ${db.displayUrl}${db.embedded ? ' (embedded)' : ''}`);

  const knex = createKnex(db.url);
  cleanups.push(() => knex.destroy());
  const applied = await migrateToLatest(knex);
  if (applied.length > 0) log(`applied ${applied.length} migration(s)`);

  const logins = config.production ? undefined : await seedDemoIfEmpty(knex, { log });

  const server = await listen(createApp({ knex, dataKey }), config.host, config.httpPort);
  cleanups.push(() => close(server));
  const url = `http://${config.host}:${config.httpPort}`;
  log(`web app ${url}  (health: ${url}/health)`);
  if (logins) printLogins(logins);
  log('press Ctrl-C to stop');
}

function listen(app: ReturnType<typeof createApp>, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.once('error', reject);
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function warnIfCalendarEndsSoon(): void {
  const lastYear = calendarCoverage();
  if (new Date().getFullYear() >= lastYear) {
    log(
      `WARNING: the national holiday calendar is known up to ${lastYear}; add the next year's ` +
        'holidays and make-up workdays in MINSHENG_CALENDAR_FILE until chinese-days publishes them',
    );
  }
}

function printLogins(logins: DemoLogin[]): void {
  log('demo district created; demo logins (shown once, change them before real use):');
  for (const login of logins) {
    log(`  ${login.username.padEnd(18)} ${login.password}  ${login.role} @ ${login.unitName}`);
  }
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    log(`${signal} again: exiting now`);
    process.exit(1);
  }
  stopping = true;
  log(`${signal}: shutting down`);
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch((error: unknown) => log(`shutdown step failed: ${String(error)}`));
  }
  log('stopped');
  process.exit(0);
}

process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

main().catch(async (error: unknown) => {
  log(`start failed: ${error instanceof Error ? error.message : String(error)}`);
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(1);
});
