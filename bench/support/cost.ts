import { postgresCpuMs } from './cpu';

/** What an engine and its PostgreSQL server have spent so far, read at one moment. */
interface CostReading {
  engineCpuMs: number;
  postgresCpuMs: number;
  logBatches: number;
  records: number;
}

/** Per completed instance: CPU time does not depend on how loaded the machine is. */
export interface CostPerInstance {
  engineCpuMs: number;
  postgresCpuMs: number;
  /** Batches committed to the log (one INSERT and one commit each). */
  logBatches: number;
  records: number;
}

interface StatsAnswer {
  cpu: { userMs: number; systemMs: number };
  processing: { committedBatches: number; committedRecords: number };
}

/** Reads the engine's `GET /engine/v1/stats` and the PostgreSQL server's CPU time from /proc. */
export async function readCost(restPort: number, postmasterPid: number): Promise<CostReading> {
  const response = await fetch(`http://127.0.0.1:${restPort}/engine/v1/stats`);
  const stats = (await response.json()) as StatsAnswer;
  return {
    engineCpuMs: stats.cpu.userMs + stats.cpu.systemMs,
    postgresCpuMs: postgresCpuMs(postmasterPid),
    logBatches: stats.processing.committedBatches,
    records: stats.processing.committedRecords,
  };
}

export function costPerInstance(
  before: CostReading,
  after: CostReading,
  instances: number,
): CostPerInstance {
  const per = (key: keyof CostReading) => (after[key] - before[key]) / instances;
  return {
    engineCpuMs: per('engineCpuMs'),
    postgresCpuMs: per('postgresCpuMs'),
    logBatches: per('logBatches'),
    records: per('records'),
  };
}
