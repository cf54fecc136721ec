/**
 * The embedded engine as a process of its own: `npm start` runs it as a child (see
 * embedded-engine.ts), `npm run engine` runs it alone, with its log in PostgreSQL
 * (DATABASE_URL, or the embedded server under DATA_DIR, shared with a running system).
 * Settings: see engine-settings.ts. It prints `ENGINE_READY grpc=<port> rest=<port>` when
 * both gateways listen.
 *
 * Exit codes: 0 stopped on request; 1 could not start; 3 another engine already writes this
 * database's log (nothing was touched); 4 lost its database (a supervisor may start it again).
 */
import { LogWriterTakenError, startEngine, type RunningEngine } from '../../engine';
import { createLog, loadPlatformConfig, openDatabaseServer } from '../../platform';
import { ENGINE_EXIT, loadEngineSettings } from './engine-settings';

const log = createLog('engine');

async function main(): Promise<void> {
  const settings = loadEngineSettings();
  const db = await openDatabaseServer(loadPlatformConfig(), createLog('postgres'));
  let engine: RunningEngine | undefined;
  let stopping = false;

  const exit = async (code: number, reason: string) => {
    if (stopping) return;
    stopping = true;
    log(reason);
    // A lost database cannot take a snapshot or a clean stop: the log is durable, and a
    // restart replays it.
    if (code !== ENGINE_EXIT.databaseLost) {
      // Stopping the engine closes its log, which releases the log's writer lock.
      await engine?.stop().catch((error: unknown) => log(`engine stop failed: ${String(error)}`));
      await db.stop();
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void exit(ENGINE_EXIT.stopped, 'SIGINT: stopping'));
  process.on('SIGTERM', () => void exit(ENGINE_EXIT.stopped, 'SIGTERM: stopping'));
  // Started by `npm start`: when it goes away (even killed), so do we.
  if (process.send) {
    process.on('disconnect', () => void exit(ENGINE_EXIT.stopped, 'parent gone: stopping'));
  }

  try {
    engine = await startEngine({
      databaseUrl: db.url,
      grpcPort: settings.grpcPort,
      restPort: settings.restPort,
      processing: { maxQueuedCommands: settings.maxQueuedCommands },
      dueDateCheckIntervalMs: settings.dueDateCheckIntervalMs,
      searchLagMs: settings.searchLagMs,
      requestTimeoutMs: settings.requestTimeoutMs,
      onLogLost: (error) =>
        void exit(ENGINE_EXIT.databaseLost, `lost the database (${error.message}): stopping`),
      log,
    });
  } catch (error) {
    if (error instanceof LogWriterTakenError) {
      log(
        `another engine already runs on ${db.displayUrl} (its log has one writer); ` +
          'not starting a second one. Stop the other one first, or use its ports.',
      );
      await db.stop();
      process.exit(ENGINE_EXIT.logTaken);
    }
    await exit(ENGINE_EXIT.failed, `start failed: ${(error as Error).message}`);
    return;
  }
  // Supervisors and test harnesses read this line to find the ports.
  console.log(`ENGINE_READY grpc=${engine.grpcPort} rest=${engine.restPort}`);
}

main().catch((error: unknown) => {
  log(`start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(ENGINE_EXIT.failed);
});
