import { startGrpcGateway } from './gateway/grpc-server';
import { RecordLog } from './log/record-log';
import { EngineClock } from './protocol/clock';
import {
  recoverState,
  StreamProcessor,
  type StreamProcessorOptions,
} from './processing/stream-processor';
import { commandProcessors } from './runtime/commands';
import { DueDateScheduler } from './service/due-date-scheduler';
import { EngineService } from './service/engine-service';
import { JobDispatcher } from './service/job-dispatcher';

export interface EngineOptions {
  /** PostgreSQL holding the engine's log (schema `engine`). */
  databaseUrl: string;
  /** Address of the gRPC gateway. Default 127.0.0.1. */
  host?: string;
  /** gRPC gateway port; 0 picks a free one. Default 26500, Zeebe's own. */
  grpcPort?: number;
  /** Where the engine reports what it does. Default: nowhere. */
  log?: (message: string) => void;
  processing?: StreamProcessorOptions;
}

export interface RunningEngine {
  grpcPort: number;
  clock: EngineClock;
  service: EngineService;
  /** Stops the gateway, lets the processor finish, writes a snapshot, closes the log. */
  stop(): Promise<void>;
}

/** Recovers the engine's state from its log and starts processing and the gateways. */
export async function startEngine(options: EngineOptions): Promise<RunningEngine> {
  const log = options.log ?? (() => undefined);
  const recordLog = await RecordLog.open(options.databaseUrl);
  const started = Date.now();
  const state = await recoverState(recordLog);
  log(
    `recovered ${state.elementInstances.size} element instances, ${state.jobs.size} jobs up to position ${recordLog.tail.position} in ${Date.now() - started} ms`,
  );
  const clock = new EngineClock();
  const processor = new StreamProcessor(state, recordLog, clock, commandProcessors(), {
    log,
    ...options.processing,
  });
  const dispatcher = new JobDispatcher(processor);
  const service = new EngineService(processor, dispatcher);
  const scheduler = new DueDateScheduler(processor, clock);
  scheduler.start();
  const grpc = await startGrpcGateway(service, {
    host: options.host ?? '127.0.0.1',
    port: options.grpcPort ?? 26500,
  });
  log(`gRPC gateway on ${options.host ?? '127.0.0.1'}:${grpc.port}`);
  return {
    grpcPort: grpc.port,
    clock,
    service,
    async stop() {
      scheduler.stop();
      await grpc.stop();
      await processor.whenIdle();
      if (!processor.failed) await processor.takeSnapshot();
      await recordLog.close();
    },
  };
}
