/**
 * Compensation subscriptions (Zeebe's COMPENSATION_SUBSCRIPTION): one per completed activity
 * that has a compensation handler, kept until the handler has run or the process instance ends.
 */
export interface CompensationSubscription {
  key: string;
  tenantId: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  compensableActivityId: string;
  compensableActivityInstanceKey: string;
  /** The flow scope instance the activity completed in. */
  compensableActivityScopeKey: string;
  /**
   * That scope and its enclosing scopes, innermost first: a throw event in an enclosing scope
   * also compensates activities of its completed sub-processes (and multi-instance bodies).
   */
  scopePath: string[];
  compensationHandlerId: string;
  /** Set when triggered ('-1' before). */
  compensationHandlerInstanceKey: string;
  throwEventId: string;
  throwEventInstanceKey: string;
  variables: Record<string, unknown>;
}

export type CompensationSubscriptionValue = Omit<CompensationSubscription, 'key'>;

export class CompensationStore {
  subscriptions = new Map<string, CompensationSubscription>();

  ofProcessInstance(processInstanceKey: string): CompensationSubscription[] {
    return [...this.subscriptions.values()].filter(
      (s) => s.processInstanceKey === processInstanceKey,
    );
  }

  toSnapshot(): CompensationSubscription[] {
    return [...this.subscriptions.values()];
  }

  static fromSnapshot(data: CompensationSubscription[] | undefined): CompensationStore {
    const store = new CompensationStore();
    for (const s of data ?? []) store.subscriptions.set(s.key, s);
    return store;
  }
}
