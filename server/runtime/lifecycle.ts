import type { Log } from '../../platform';

/**
 * What has been started, in order, so that stopping undoes it in reverse: the HTTP server
 * first, PostgreSQL last. One stop at a time; a second Ctrl-C exits at once.
 */
export class Lifecycle {
  private readonly steps: Array<{ name: string; stop: () => Promise<void> }> = [];
  private stopping = false;

  constructor(private readonly log: Log) {}

  /** Registers how to stop something that has just started. */
  started(name: string, stop: () => Promise<void>): void {
    this.steps.push({ name, stop });
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Stops everything in reverse order, then exits with `code`. */
  async stopAndExit(reason: string, code: number): Promise<never> {
    if (this.stopping) {
      this.log(`${reason} again: exiting now`);
      process.exit(1);
    }
    this.stopping = true;
    this.log(`${reason}: shutting down`);
    for (const step of this.steps.reverse()) {
      await step
        .stop()
        .catch((error: unknown) => this.log(`stopping the ${step.name} failed: ${String(error)}`));
    }
    this.log('stopped');
    process.exit(code);
  }
}
