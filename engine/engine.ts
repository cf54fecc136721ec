import { Exporter } from './export/exporter';
import { History } from './export/history';
import { SearchStore } from './export/search-store';
import { startGrpcGateway } from './gateway/grpc-server';
import { startRestGateway } from './gateway/rest/server';
import { RecordLog } from './log/record-log';
import { EngineClock } from './protocol/clock';
import {
  recoverState,
  StreamProcessor,
  type StreamProcessorOptions,
} from './processing/stream-processor';
import { recoverDeferredCommands } from './processing/deferred-commands';
import { commandProcessors } from './runtime/commands';
import { ClockControl } from './service/clock-control';
import { DueDateScheduler } from './service/due-date-scheduler';
import { EngineService } from './service/engine-service';
import { engineStats } from './service/engine-stats';
import { JobDispatcher } from './service/job-dispatcher';
import { OpenJobStreams } from './service/open-streams';

export interface EngineOptions {
  /** PostgreSQL holding the engine's log (schema `engine`). */
  databaseUrl: string;
  /** Address of both gateways. Default 127.0.0.1. */
  host?: string;
  /** gRPC gateway port; 0 picks a free one. Default 26500, Zeebe's own. */
  grpcPort?: number;
  /** REST gateway port (`/v2/...`); 0 picks a free one. Default 8080, Camunda's own. */
  restPort?: number;
  /** Where the engine reports what it does. Default: nowhere. */
  log?: (message: string) => void;
  processing?: StreamProcessorOptions;
  /**
   * How often due job deadlines and back-offs are looked for (ms). Default 100. Moving the
   * engine clock checks at once regardless.
   */
  dueDateCheckIntervalMs?: number;
  /** Searches see exported records only this long after commit (ms). Default 0. */
  searchLagMs?: number;
  /**
   * How long a user task command (or a variable update of a user task) waits for its task
   * listeners before it is answered with DEADLINE_EXCEEDED (ms). Default 15,000, Zeebe's
   * gateway request timeout.
   */
  requestTimeoutMs?: number;
  /**
   * Called if the database connection holding the log's writer lock is lost, from the moment
   * the log is opened: the lock is gone, so the engine must not go on writing.
   */
  onLogLost?: (error: Error) => void;
}

export interface RunningEngine {
  grpcPort: number;
  restPort: number;
  clock: EngineClock;
  /** Pins and resets the engine clock through the log, as `PUT /v2/clock` does. */
  clockControl: ClockControl;
  service: EngineService;
  /** Stops the gateways, lets the processor finish, writes a snapshot, closes the log. */
  stop(): Promise<void>;
}

/**
 * Recovers the engine's state from its log and starts processing and the gateways. Refused
 * with LogWriterTakenError while another engine writes the same database's log.
 */
export async function startEngine(options: EngineOptions): Promise<RunningEngine> {
  const log = options.log ?? (() => undefined);
  const host = options.host ?? '127.0.0.1';
  const recordLog = await RecordLog.openForWriting(options.databaseUrl, {
    onLost: options.onLogLost,
  });
  const started = Date.now();
  const state = await recoverState(recordLog);
  log(
    `recovered ${state.elementInstances.size} element instances, ${state.jobs.size} jobs up to position ${recordLog.tail.position} in ${Date.now() - started} ms`,
  );
  const clock = new EngineClock();
  // Open job streams: the processor pushes new jobs to them in the step that creates them.
  const streams = new OpenJobStreams();
  const processor = new StreamProcessor(state, recordLog, clock, commandProcessors(), {
    log,
    jobStreams: streams,
    ...options.processing,
  });
  // Follow-up commands written but not processed before the engine stopped: taken up first.
  const deferred = await recoverDeferredCommands(recordLog);
  if (deferred.length > 0) log(`taking up ${deferred.length} deferred follow-up commands`);
  // The exporter follows commits from here on; it first catches up on what it missed.
  const exporter = await Exporter.open(options.databaseUrl, recordLog, {
    lagMs: options.searchLagMs,
    log,
  });
  processor.onCommitted(exporter.committed);
  exporter.start();
  processor.resume(deferred);
  const dispatcher = new JobDispatcher(processor, streams);
  const service = new EngineService(processor, dispatcher, options.requestTimeoutMs);
  const scheduler = new DueDateScheduler(processor, clock, options.dueDateCheckIntervalMs);
  // Moving the clock runs the due-date check at once: what became due is handled right away.
  const clockControl = new ClockControl(processor, clock, () => scheduler.check());
  scheduler.start();
  const grpc = await startGrpcGateway(service, { host, port: options.grpcPort ?? 26500 });
  log(`gRPC gateway on ${host}:${grpc.port}`);
  const rest = await startRestGateway(
    {
      service,
      clock: clockControl,
      host,
      grpcPort: () => grpc.port,
      search: new SearchStore(exporter.pool),
      history: new History(exporter.pool, recordLog),
      stats: (statsOptions) => engineStats(processor, statsOptions),
    },
    { host, port: options.restPort ?? 8080 },
  ).catch(async (error: unknown) => {
    await grpc.stop();
    await exporter.stop();
    throw error;
  });
  log(`REST gateway on http://${host}:${rest.port}/v2`);
  return {
    grpcPort: grpc.port,
    restPort: rest.port,
    clock,
    clockControl,
    service,
    async stop() {
      scheduler.stop();
      await Promise.all([grpc.stop(), rest.stop()]);
      await processor.stop();
      if (!processor.failed) await processor.takeSnapshot();
      await exporter.stop();
      await recordLog.close();
    },
  };
}
