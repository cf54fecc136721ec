/**
 * `npm start`: the composition root. PostgreSQL (embedded unless DATABASE_URL), migrations,
 * the demo district, the engine (embedded, or a Camunda cluster from ZEEBE_*), deployment of
 * changed process models, the job workers, the intake process starter, then the web server
 * (which serves web/dist; a missing build is started first and served once it is done).
 * Ctrl-C (or SIGTERM) stops everything in reverse order.
 */
import type { Server } from 'node:http';
import {
  createCamundaClient,
  createKnex,
  createLog,
  loadPlatformConfig,
  openDatabaseServer,
  type CamundaTarget,
} from '../platform';
import { migrateToLatest } from '../migrations';
import { calendarCoverage } from '../domain/calendar';
import { loadDataKey } from '../domain/pii';
import { seedDemoIfEmpty, type DemoLogin } from './org';
import { createApp } from './app';
import { startProcessStarter } from './intake';
import { createTriageService } from './triage';
import { loadRuntimeConfig } from './runtime/config';
import { watchDatabase } from './runtime/database-watchdog';
import { deployChangedProcesses } from './runtime/deploy-processes';
import { startEmbeddedEngine } from './runtime/embedded-engine';
import { engineHealthProbe } from './runtime/engine-health';
import { Lifecycle } from './runtime/lifecycle';
import { startJobWorkers } from './runtime/workers';
import { startNotificationDelivery } from '../workers';
import { ensureModelerApp, ensureWebApp } from './web-app';

const log = createLog('minsheng');
const lifecycle = new Lifecycle(log);
const fatal = (message: string) => void lifecycle.stopAndExit(`FATAL: ${message}`, 1);

async function main(): Promise<void> {
  const config = loadPlatformConfig();
  const runtime = loadRuntimeConfig();
  const dataKey = loadDataKey({
    env: process.env,
    dataDir: config.dataDir,
    warn: (m) => log(`WARNING: ${m}`),
  });
  warnIfCalendarEndsSoon();
  // Built beside the database and engine start-up; the server does not wait for it.
  const webBuild = ensureWebApp(createLog('web'));
  if (webBuild) lifecycle.started('web app build', async () => webBuild.stop());
  const modelerBuild = ensureModelerApp(createLog('web'));
  if (modelerBuild) lifecycle.started('process modeler build', async () => modelerBuild.stop());

  const pgLog = createLog('postgres');
  const db = await openDatabaseServer(config, pgLog);
  const database = watchDatabase({
    initial: db,
    reopen: () => openDatabaseServer(config, pgLog),
    log: pgLog,
    onFatal: fatal,
  });
  lifecycle.started('database', database.stop);
  log(`database ${db.displayUrl}${db.embedded ? ' (embedded)' : ''}`);

  const knex = createKnex(db.url);
  lifecycle.started('database pool', () => knex.destroy());
  const applied = await migrateToLatest(knex);
  if (applied.length > 0) log(`applied ${applied.length} migration(s)`);
  const logins = runtime.demo ? await seedDemoIfEmpty(knex, { log }) : undefined;

  let target: CamundaTarget;
  let engineNote = '(Camunda cluster)';
  if (runtime.engine.kind === 'embedded') {
    const engine = await startEmbeddedEngine({
      databaseUrl: db.url,
      settings: runtime.engine.settings,
      log: createLog('engine'),
      onFatal: fatal,
    });
    lifecycle.started('engine', engine.stop);
    target = { grpcAddress: engine.grpcAddress, restAddress: engine.restAddress, embedded: true };
    engineNote = `(embedded, process ${engine.pid()})`;
  } else {
    target = runtime.engine.target;
  }
  const camunda = createCamundaClient(target);
  lifecycle.started('engine clients', () => camunda.closeAllClients());
  await deployChangedProcesses({
    knex,
    api: camunda.getCamundaRestClient(),
    engine: target.embedded ? 'embedded' : target.restAddress,
    dir: runtime.processesDir,
    log: createLog('deploy'),
  });

  const workers = await startJobWorkers({ knex, camunda, log: createLog('workers') });
  lifecycle.started('workers', workers.stop);
  const delivery = startNotificationDelivery({ knex, log: createLog('notify'), dataKey });
  lifecycle.started('notification delivery', delivery.stop);
  const starter = startProcessStarter({
    knex,
    camunda,
    log: createLog('intake'),
    leaseMs: runtime.processStartLeaseMs,
  });
  lifecycle.started('process starter', () => starter.stop());

  // Triage learns from screeners' decisions in this process only: one learner per database.
  const triage = createTriageService({ knex, log: createLog('triage') });
  await triage.startLearning();
  lifecycle.started('triage learner', () => triage.stop());

  const app = createApp({
    knex,
    dataKey,
    triage,
    camunda,
    engineRecordsUrl: target.embedded ? target.restAddress : undefined,
    onDemandStored: () => starter.wake(),
    health: {
      engine: engineHealthProbe(camunda.getCamundaRestClient(), target.embedded),
      workers: () => ({ ...workers.status(), notifications: delivery.status() }),
    },
  });
  const server = await listen(app, config.host, config.httpPort);
  lifecycle.started('web server', () => close(server));

  const url = `http://${config.host}:${config.httpPort}`;
  log(`web app     ${url}  (health: ${url}/health)`);
  log(`engine      gRPC ${target.grpcAddress}  REST ${target.restAddress}/v2  ${engineNote}`);
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
    log(
      `  ${login.username.padEnd(18)} ${login.password}  ${login.role} @ ${login.unitName} ` +
        `(${login.unitCode})`,
    );
  }
}

process.on('SIGINT', () => void lifecycle.stopAndExit('SIGINT', 0));
process.on('SIGTERM', () => void lifecycle.stopAndExit('SIGTERM', 0));

main().catch((error: unknown) => {
  if (lifecycle.isStopping) return;
  void lifecycle.stopAndExit(
    `start failed: ${error instanceof Error ? error.message : String(error)}`,
    1,
  );
});
