import type { CommandResult } from '../processing/command';
import type { StreamProcessor } from '../processing/stream-processor';
import type { EngineClock } from '../protocol/clock';
import type { ClockRecordValue } from '../state/appliers';

/**
 * Pins and resets the engine clock (Camunda's `PUT /v2/clock`, `POST /v2/clock/reset`).
 *
 * The clock moves through CLOCK commands, so the log records it and a restart recovers it.
 * The `EngineClock` follows the committed CLOCK events — before the next batch is processed
 * and before the client is answered — and `onMoved` then runs at once, so whatever became
 * due (a job deadline, a retry back-off) is handled without waiting for the next tick.
 */
export class ClockControl {
  constructor(
    private readonly processor: StreamProcessor,
    private readonly clock: EngineClock,
    private readonly onMoved: () => void,
  ) {
    const pinned = processor.state.pinnedClock;
    if (pinned !== undefined) clock.pin(pinned);
    processor.onCommitted((records) => {
      let moved = false;
      for (const record of records) {
        if (record.valueType !== 'CLOCK' || record.recordType !== 'EVENT') continue;
        if (record.intent === 'PINNED') clock.pin((record.value as ClockRecordValue).time);
        else if (record.intent === 'RESETTED') clock.reset();
        moved = true;
      }
      if (moved) this.onMoved();
    });
  }

  /** Pins the clock at `epochMillis`; it stands still there until pinned again or reset. */
  pin(epochMillis: number): Promise<CommandResult<unknown>> {
    return this.processor.submit({
      valueType: 'CLOCK',
      intent: 'PIN',
      key: '-1',
      value: { time: epochMillis } satisfies ClockRecordValue,
    });
  }

  /** Back to real time. */
  reset(): Promise<CommandResult<unknown>> {
    return this.processor.submit({ valueType: 'CLOCK', intent: 'RESET', key: '-1', value: {} });
  }

  now(): number {
    return this.clock.now();
  }
}
