import type { CompensationSubscriptionValue } from '../compensations';
import type { Applier } from './applier';

const put: Applier = (state, record) => {
  const value = record.value as CompensationSubscriptionValue;
  state.compensations.subscriptions.set(record.key, { ...value, key: record.key });
};

const remove: Applier = (state, record) => {
  state.compensations.subscriptions.delete(record.key);
};

export const compensationAppliers: Record<string, Applier> = {
  'COMPENSATION_SUBSCRIPTION:CREATED': put,
  'COMPENSATION_SUBSCRIPTION:TRIGGERED': put,
  'COMPENSATION_SUBSCRIPTION:COMPLETED': remove,
  'COMPENSATION_SUBSCRIPTION:DELETED': remove,
};
