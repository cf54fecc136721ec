/**
 * Messages and message subscriptions (Camunda docs, "Messages"): published messages stay
 * buffered until their time to live passes; subscriptions are opened by waiting elements.
 * Changed only by the MESSAGE / PROCESS_MESSAGE_SUBSCRIPTION / MESSAGE_START_EVENT_SUBSCRIPTION
 * appliers, and part of the snapshot, so both survive a restart.
 */

export interface Message {
  key: string;
  name: string;
  correlationKey: string;
  timeToLive: number;
  /** Epoch ms (engine clock) after which the message is no longer buffered. */
  deadline: number;
  messageId: string;
  variables: Record<string, unknown>;
  tenantId: string;
}

export interface MessageSubscription {
  key: string;
  /** The waiting instance: the catch event / receive task, or the activity of a boundary event. */
  elementInstanceKey: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  /** The catching element (catch event, receive task or boundary event). */
  elementId: string;
  messageName: string;
  correlationKey: string;
  /** False only for non-interrupting boundary events, which stay open after correlating. */
  interrupting: boolean;
  tenantId: string;
}

export class MessageStore {
  /** Buffered messages, in publication order (Map keeps insertion order: FIFO). */
  messages = new Map<string, Message>();
  subscriptions = new Map<string, MessageSubscription>();
  /** message key → bpmnProcessIds it was correlated to: once per process, across versions (docs). */
  correlated = new Map<string, Set<string>>();
  /**
   * `bpmnProcessId\ncorrelationKey` → the active instance a message start event created for
   * that key. Entries live only while their instance does (see `forgetStart`).
   */
  startedByKey = new Map<string, string>();
  /** The reverse: process instance key → its entry in `startedByKey` and correlation key. */
  startedWithKey = new Map<string, { id: string; correlationKey: string }>();

  markStarted(bpmnProcessId: string, correlationKey: string, processInstanceKey: string): void {
    const id = `${bpmnProcessId}\n${correlationKey}`;
    this.startedByKey.set(id, processInstanceKey);
    this.startedWithKey.set(processInstanceKey, { id, correlationKey });
  }

  /** The correlation key of the message that started the instance, if one with a key did. */
  startCorrelationKeyOf(processInstanceKey: string): string | undefined {
    return this.startedWithKey.get(processInstanceKey)?.correlationKey;
  }

  /** The instance ended: its correlation key no longer holds back messages for its process. */
  forgetStart(processInstanceKey: string): void {
    const started = this.startedWithKey.get(processInstanceKey);
    if (!started) return;
    this.startedWithKey.delete(processInstanceKey);
    if (this.startedByKey.get(started.id) === processInstanceKey)
      this.startedByKey.delete(started.id);
  }

  /** Only buffered messages remember where they went; the others are gone after this batch. */
  markCorrelated(messageKey: string, bpmnProcessId: string): void {
    if (!this.messages.has(messageKey)) return;
    let set = this.correlated.get(messageKey);
    if (!set) this.correlated.set(messageKey, (set = new Set()));
    set.add(bpmnProcessId);
  }

  wasCorrelated(messageKey: string, bpmnProcessId: string): boolean {
    return this.correlated.get(messageKey)?.has(bpmnProcessId) ?? false;
  }

  /**
   * Message uniqueness (Camunda docs, "Messages"): a message with an id is a duplicate only of
   * a buffered message with the same name, correlation key, id and tenant; once that one has
   * expired, or under another name or correlation key, the id may be used again.
   */
  isBuffered(
    message: Pick<Message, 'name' | 'correlationKey' | 'messageId' | 'tenantId'>,
  ): boolean {
    for (const m of this.messages.values()) {
      if (
        m.messageId === message.messageId &&
        m.name === message.name &&
        m.correlationKey === message.correlationKey &&
        m.tenantId === message.tenantId
      )
        return true;
    }
    return false;
  }

  removeMessage(key: string): void {
    this.messages.delete(key);
    this.correlated.delete(key);
  }

  /** Open subscriptions for name + key, oldest first. */
  subscriptionsFor(name: string, correlationKey: string, tenantId: string): MessageSubscription[] {
    return [...this.subscriptions.values()].filter(
      (s) =>
        s.messageName === name && s.correlationKey === correlationKey && s.tenantId === tenantId,
    );
  }

  subscriptionsOf(elementInstanceKey: string): MessageSubscription[] {
    return [...this.subscriptions.values()].filter(
      (s) => s.elementInstanceKey === elementInstanceKey,
    );
  }

  toSnapshot() {
    return {
      messages: [...this.messages.values()],
      subscriptions: [...this.subscriptions.values()],
      correlated: [...this.correlated].map(([key, set]) => [key, [...set]] as [string, string[]]),
      startedByKey: [...this.startedByKey],
    };
  }

  static fromSnapshot(data: ReturnType<MessageStore['toSnapshot']> | undefined): MessageStore {
    const store = new MessageStore();
    if (!data) return store;
    for (const m of data.messages) store.messages.set(m.key, m);
    for (const s of data.subscriptions) store.subscriptions.set(s.key, s);
    for (const [key, list] of data.correlated) store.correlated.set(key, new Set(list));
    for (const [id, instanceKey] of data.startedByKey) {
      const [bpmnProcessId, ...rest] = id.split('\n');
      store.markStarted(bpmnProcessId!, rest.join('\n'), instanceKey);
    }
    return store;
  }
}
