import type { LoggedRecord } from '../../engine/protocol/records';
import { applyEvent } from '../../engine/state/appliers';
import { EngineState } from '../../engine/state/engine-state';

/** Buffered messages and message/signal subscriptions are part of the snapshot. */
describe('messages and signals: state snapshot', () => {
  function record(valueType: string, intent: string, key: string, value: unknown): LoggedRecord {
    return {
      recordType: 'EVENT',
      valueType,
      intent,
      key,
      value,
      processInstanceKey: '-1',
      sourceRecordPosition: '-1',
      position: '1',
      timestamp: 0,
      hash: '',
    } as LoggedRecord;
  }

  it('restores buffered messages, where they were correlated, subscriptions and start correlations', () => {
    const state = new EngineState();
    const message = {
      name: 'paid',
      correlationKey: 'o-1',
      timeToLive: 1000,
      deadline: 1000,
      messageId: 'm-1',
      variables: { amount: 1 },
      tenantId: '<default>',
    };
    const subscription = {
      elementInstanceKey: '7',
      processInstanceKey: '5',
      bpmnProcessId: 'p',
      elementId: 'Wait',
      messageName: 'paid',
      correlationKey: 'o-2',
      interrupting: false,
      tenantId: '<default>',
      messageKey: '-1',
      variables: {},
    };
    applyEvent(state, record('MESSAGE', 'PUBLISHED', '10', message));
    applyEvent(state, record('PROCESS_MESSAGE_SUBSCRIPTION', 'CREATED', '11', subscription));
    applyEvent(
      state,
      record('PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED', '11', {
        ...subscription,
        messageKey: '10',
      }),
    );
    applyEvent(
      state,
      record('SIGNAL_SUBSCRIPTION', 'CREATED', '12', { ...subscription, signalName: 's' }),
    );
    const startedInstance = {
      bpmnElementType: 'PROCESS',
      elementId: 'q',
      bpmnProcessId: 'q',
      processInstanceKey: '20',
      flowScopeKey: '-1',
      parentElementInstanceKey: '-1',
    };
    applyEvent(state, record('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', '20', startedInstance));
    applyEvent(
      state,
      record('MESSAGE_START_EVENT_SUBSCRIPTION', 'CORRELATED', '13', {
        bpmnProcessId: 'q',
        correlationKey: 'o-3',
        processInstanceKey: '20',
        messageKey: '10',
      }),
    );
    const restored = EngineState.fromSnapshot(state.toSnapshot());
    expect(restored.messages.messages.get('10')).toMatchObject({ messageId: 'm-1', key: '10' });
    expect(restored.messages.wasCorrelated('10', 'p')).toBe(true);
    expect(restored.messages.wasCorrelated('10', 'q')).toBe(true);
    // Non-interrupting: the subscription stays open after correlating.
    expect(restored.messages.subscriptionsOf('7')).toHaveLength(1);
    expect(restored.messages.startedByKey.get('q\no-3')).toBe('20');
    expect(restored.messages.startCorrelationKeyOf('20')).toBe('o-3');
    expect(restored.signals.named('s', '<default>')).toHaveLength(1);
    applyEvent(restored, record('MESSAGE', 'EXPIRED', '10', message));
    expect(restored.messages.messages.size).toBe(0);
    expect(restored.messages.wasCorrelated('10', 'p')).toBe(false);
    // The instance ends: the correlation key no longer holds back messages.
    applyEvent(restored, record('PROCESS_INSTANCE', 'ELEMENT_COMPLETED', '20', startedInstance));
    expect(restored.messages.startedByKey.size).toBe(0);
    expect(restored.messages.startedWithKey.size).toBe(0);
  });

  it('a snapshot that still holds the message-start entry of an ended instance is restored without it', () => {
    const state = new EngineState();
    state.messages.markStarted('q', 'o-4', '30');
    const restored = EngineState.fromSnapshot(state.toSnapshot());
    expect(restored.messages.startedByKey.size).toBe(0);
    expect(restored.messages.startCorrelationKeyOf('30')).toBeUndefined();
  });
});
