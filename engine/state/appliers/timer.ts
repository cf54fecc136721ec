import type { Timer } from '../types';
import type { Applier } from './applier';

export type TimerRecordValue = Omit<Timer, 'key'>;

export const timerAppliers: Record<string, Applier> = {
  'TIMER:CREATED': (state, record) => {
    state.addTimer({ ...(record.value as TimerRecordValue), key: record.key });
  },
  'TIMER:TRIGGERED': (state, record) => state.removeTimer(record.key),
  'TIMER:CANCELED': (state, record) => state.removeTimer(record.key),
};
