import type { StreamProcessor } from '../processing/stream-processor';

/**
 * What the engine holds, for operators and soak tests (`GET /engine/v1/stats`): the process's
 * memory, the processing queue and the size of each in-memory index. Per-instance entries
 * must return to zero once every instance has ended; only deployments and buffered messages
 * (until their time to live passes) stay.
 */
export interface EngineStats {
  memory: { rss: number; heapUsed: number; heapTotal: number; external: number };
  /** CPU time the engine process has used since it started (benchmarks read it per instance). */
  cpu: { userMs: number; systemMs: number };
  processing: {
    queuedCommands: number;
    deferredCommands: number;
    /** Batches committed to the log since start: one INSERT and one commit each. */
    committedBatches: number;
    committedRecords: number;
  };
  state: Record<string, number>;
}

export function engineStats(
  processor: StreamProcessor,
  options: { gc?: boolean } = {},
): EngineStats {
  // Only when node runs with --expose-gc: lets a soak test read memory after a collection.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (options.gc && gc) gc();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  const cpu = process.cpuUsage();
  const state = processor.state;
  let activatableJobs = 0;
  for (const keys of state.activatableJobs.values()) activatableJobs += keys.size;
  return {
    memory: { rss, heapUsed, heapTotal, external },
    cpu: { userMs: cpu.user / 1000, systemMs: cpu.system / 1000 },
    processing: {
      queuedCommands: processor.queuedCommands,
      deferredCommands: processor.deferredCommands,
      committedBatches: processor.committedBatches,
      committedRecords: processor.committedRecords,
    },
    state: {
      processDefinitions: state.processes.size,
      elementInstances: state.elementInstances.size,
      childIndex: state.children.size,
      variableScopes: state.variables.size,
      eventVariables: state.eventVariables.size,
      awaitingResults: state.awaitingResults.size,
      jobs: state.jobs.size,
      activatableJobs,
      incidents: state.incidents.size,
      timers: state.timers.size,
      timerOwners: state.timersByOwner.size,
      pendingStartEvents: state.pendingStartEvents.size,
      userTasks: state.userTasks.size,
      bufferedMessages: state.messages.messages.size,
      messageCorrelations: state.messages.correlated.size,
      messageSubscriptions: state.messages.subscriptions.size,
      messageStartsByCorrelationKey: state.messages.startedByKey.size,
      messageStartedInstances: state.messages.startedWithKey.size,
      signalSubscriptions: state.signals.subscriptions.size,
    },
  };
}
