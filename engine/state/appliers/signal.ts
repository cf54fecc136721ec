import type { SignalSubscription } from '../signals';
import type { Applier } from './applier';

export type SignalSubscriptionValue = Omit<SignalSubscription, 'key'>;

export const signalAppliers: Record<string, Applier> = {
  'SIGNAL_SUBSCRIPTION:CREATED': (state, record) => {
    const value = record.value as SignalSubscriptionValue;
    state.signals.subscriptions.set(record.key, { ...value, key: record.key });
  },
  'SIGNAL_SUBSCRIPTION:DELETED': (state, record) => {
    state.signals.subscriptions.delete(record.key);
  },
};
