import type { EngineClock } from '../protocol/clock';
import type { StreamProcessor } from '../processing/stream-processor';

/**
 * Turns due times held in the state into commands: activated jobs past their deadline time
 * out, failed jobs past their back-off recur. It runs on a short interval and — through
 * `check()`, the hook ClockControl calls — whenever the engine clock is moved. It never
 * submits the same due item twice while it is in flight.
 *
 * As in Zeebe, a deadline is due once it has passed (deadline < now), a back-off once it is
 * reached (recurringTime <= now).
 */
export class DueDateScheduler {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly processor: StreamProcessor,
    private readonly clock: EngineClock,
    private readonly intervalMs = 100,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.check(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  check(): void {
    const now = this.clock.now();
    for (const job of this.processor.state.jobs.values()) {
      if (job.state === 'ACTIVATED' && job.deadline > 0 && job.deadline < now) {
        this.submit(`timeout:${job.key}`, 'TIME_OUT', job.key);
      } else if (job.state === 'BACKOFF' && job.recurAt <= now) {
        this.submit(`recur:${job.key}`, 'RECUR_AFTER_BACKOFF', job.key);
      }
    }
    // Timers fire once due (dueDate <= now), in due order: earlier due dates first.
    const due = [...this.processor.state.timers.values()]
      .filter((timer) => timer.dueDate <= now)
      .sort((a, b) => a.dueDate - b.dueDate || (BigInt(a.key) < BigInt(b.key) ? -1 : 1));
    for (const timer of due) this.submit(`timer:${timer.key}`, 'TRIGGER', timer.key, 'TIMER');
    // Buffered messages expire once their time to live has passed (deadline <= now).
    for (const message of this.processor.state.messages.messages.values()) {
      if (message.deadline <= now)
        this.submit(`message:${message.key}`, 'EXPIRE', message.key, 'MESSAGE');
    }
  }

  private submit(
    id: string,
    intent: string,
    key: string,
    valueType: 'JOB' | 'TIMER' | 'MESSAGE' = 'JOB',
  ): void {
    if (this.inFlight.has(id)) return;
    this.inFlight.add(id);
    void this.processor
      .submit({ valueType, intent, key, value: {} })
      .finally(() => this.inFlight.delete(id));
  }
}
