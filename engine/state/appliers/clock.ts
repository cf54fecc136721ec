import type { Applier } from './applier';

/** Zeebe's ClockRecord: the instant the engine clock is pinned at (epoch ms). */
export interface ClockRecordValue {
  time: number;
}

/**
 * The pinned clock is state, as in Zeebe: replaying the log after a restart pins the clock
 * again, so a test that moved time forward does not see it jump back.
 */
export const clockAppliers: Record<string, Applier> = {
  'CLOCK:PINNED': (state, record) => {
    state.pinnedClock = (record.value as ClockRecordValue).time;
  },
  'CLOCK:RESETTED': (state) => {
    state.pinnedClock = undefined;
  },
};
