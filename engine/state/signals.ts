/**
 * Signal subscriptions (Camunda docs, "Signal events"): opened by waiting signal catch events
 * and activities with signal boundary events. Signals are not buffered: a broadcast reaches the
 * subscriptions open at that moment. Start events subscribe through their deployed version.
 */
export interface SignalSubscription {
  key: string;
  /** The catch event, or the activity of a boundary event. */
  elementInstanceKey: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  /** The catching element (catch event or boundary event). */
  elementId: string;
  signalName: string;
  /** False only for non-interrupting boundary events, which stay open after a signal. */
  interrupting: boolean;
  tenantId: string;
}

export class SignalStore {
  subscriptions = new Map<string, SignalSubscription>();

  named(signalName: string, tenantId: string): SignalSubscription[] {
    return [...this.subscriptions.values()].filter(
      (s) => s.signalName === signalName && s.tenantId === tenantId,
    );
  }

  of(elementInstanceKey: string): SignalSubscription[] {
    return [...this.subscriptions.values()].filter(
      (s) => s.elementInstanceKey === elementInstanceKey,
    );
  }

  toSnapshot(): SignalSubscription[] {
    return [...this.subscriptions.values()];
  }

  static fromSnapshot(data: SignalSubscription[] | undefined): SignalStore {
    const store = new SignalStore();
    for (const s of data ?? []) store.subscriptions.set(s.key, s);
    return store;
  }
}
