import { RejectionError } from '../../processing/command';
import type { CommandProcessor } from '../../processing/stream-processor';
import type { ClockRecordValue } from '../../state/appliers';

/**
 * CLOCK PIN / RESET (`PUT /v2/clock`, `POST /v2/clock/reset`). Like every other change they
 * are records, so the log shows when time was moved and replay restores a pinned clock.
 */
const pin: CommandProcessor = (command, ctx) => {
  const { time } = command.value as ClockRecordValue;
  if (!Number.isSafeInteger(time) || time < 0) {
    throw new RejectionError(
      'INVALID_ARGUMENT',
      `Expected to pin the clock at a non-negative epoch millisecond, but got '${String(time)}'`,
    );
  }
  const key = ctx.nextKey();
  ctx.event<ClockRecordValue>('CLOCK', 'PINNED', key, { time });
  ctx.respond(key, { time });
};

const reset: CommandProcessor = (_command, ctx) => {
  const key = ctx.nextKey();
  ctx.event<ClockRecordValue>('CLOCK', 'RESETTED', key, { time: 0 });
  ctx.respond(key, {});
};

export const clockCommands: Record<string, CommandProcessor> = {
  'CLOCK:PIN': pin,
  'CLOCK:RESET': reset,
};
