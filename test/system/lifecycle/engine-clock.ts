import { setEngineClock } from '../../support/engine';

/**
 * The engine clock as a run moves it: forward only, one `PUT /v2/clock` at a time, so a step
 * and a jump issued together arrive in order.
 */
export class EngineClock {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly restPort: number,
    private current: number,
  ) {}

  get now(): number {
    return this.current;
  }

  /** Pins the engine at the start time. */
  init(): Promise<void> {
    return this.enqueue(this.current);
  }

  moveTo(epochMillis: number): Promise<void> {
    if (epochMillis <= this.current) return this.queue;
    this.current = epochMillis;
    return this.enqueue(epochMillis);
  }

  advance(ms: number): Promise<void> {
    return this.moveTo(this.current + ms);
  }

  private enqueue(epochMillis: number): Promise<void> {
    this.queue = this.queue.then(() => setEngineClock(this.restPort, epochMillis));
    return this.queue;
  }
}
