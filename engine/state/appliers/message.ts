import type { Message, MessageSubscription } from '../messages';
import type { Applier } from './applier';

export type MessageRecordValue = Omit<Message, 'key'>;
export type SubscriptionRecordValue = Omit<MessageSubscription, 'key'> & {
  messageKey: string;
  variables: Record<string, unknown>;
};
export interface StartEventCorrelationValue {
  processDefinitionKey: string;
  bpmnProcessId: string;
  startEventId: string;
  messageName: string;
  messageKey: string;
  correlationKey: string;
  processInstanceKey: string;
  variables: Record<string, unknown>;
  tenantId: string;
}

export const messageAppliers: Record<string, Applier> = {
  // A message with a time to live of 0 is published and expires in the same batch.
  'MESSAGE:PUBLISHED': (state, record) => {
    const value = record.value as MessageRecordValue;
    if (value.timeToLive > 0)
      state.messages.messages.set(record.key, { ...value, key: record.key });
  },
  'MESSAGE:EXPIRED': (state, record) => state.messages.removeMessage(record.key),
  'PROCESS_MESSAGE_SUBSCRIPTION:CREATED': (state, record) => {
    const { messageKey: _m, variables: _v, ...value } = record.value as SubscriptionRecordValue;
    state.messages.subscriptions.set(record.key, { ...value, key: record.key });
  },
  'PROCESS_MESSAGE_SUBSCRIPTION:CORRELATED': (state, record) => {
    const value = record.value as SubscriptionRecordValue;
    state.messages.markCorrelated(value.messageKey, value.bpmnProcessId);
    // A non-interrupting boundary event keeps listening; everything else is done.
    if (value.interrupting) state.messages.subscriptions.delete(record.key);
  },
  'PROCESS_MESSAGE_SUBSCRIPTION:DELETED': (state, record) => {
    state.messages.subscriptions.delete(record.key);
  },
  'MESSAGE_START_EVENT_SUBSCRIPTION:CORRELATED': (state, record) => {
    const value = record.value as StartEventCorrelationValue;
    state.messages.markCorrelated(value.messageKey, value.bpmnProcessId);
    if (value.correlationKey !== '') {
      state.messages.markStarted(
        value.bpmnProcessId,
        value.correlationKey,
        value.processInstanceKey,
      );
    }
  },
};
