/** What `/health` shows about the workers: whether they run, their last job and last error. */
export type WorkersStatus = {
  running: boolean;
  jobTypes: number;
  jobsHandled: number;
  lastJobAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
};

export function createWorkerStatus(jobTypes: number) {
  const state: WorkersStatus = {
    running: true,
    jobTypes,
    jobsHandled: 0,
    lastJobAt: null,
    lastError: null,
    lastErrorAt: null,
  };
  return {
    jobHandled(): void {
      state.jobsHandled += 1;
      state.lastJobAt = new Date().toISOString();
    },
    failed(message: string): void {
      state.lastError = message.slice(0, 500);
      state.lastErrorAt = new Date().toISOString();
    },
    stopped(): void {
      state.running = false;
    },
    snapshot: (): WorkersStatus => ({ ...state }),
  };
}

export type WorkerStatus = ReturnType<typeof createWorkerStatus>;
