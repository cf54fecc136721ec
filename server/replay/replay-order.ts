import type { ReplayStep } from './replay-model';

/** An element instance as Camunda's search gives it: when it started and, if so, ended. */
export interface TimedElement {
  processInstanceKey: string;
  parentProcessInstanceKey: string | null;
  processDefinitionKey: string;
  elementId: string;
  elementType: string | null;
  elementInstanceKey: string;
  start: string | null;
  end: string | null;
  /** `ELEMENT_COMPLETED` or `ELEMENT_TERMINATED`; null while it runs. */
  endEvent: string | null;
}

/** Elements that hold others in the same instance. */
const SCOPES = new Set([
  'PROCESS',
  'SUB_PROCESS',
  'EVENT_SUB_PROCESS',
  'AD_HOC_SUB_PROCESS',
  'MULTI_INSTANCE_BODY',
]);

const time = (iso: string | null) => (iso === null ? Number.MAX_SAFE_INTEGER : Date.parse(iso));

/**
 * Puts element lifecycles in the order the engine went through them. Times alone cannot do it:
 * the engine does a whole step of work (complete a task, take the flow, activate the next
 * element, call a process and run it to its end) within one millisecond. Within one instant the
 * keys decide, since the engine hands them out in order: an element activates at its own key;
 * a task, an event or a gateway ends before anything created after it; a scope (process,
 * sub-process) ends after everything created inside it; a call activity after the process it
 * called. Exact for the paths a demand takes; where parallel branches end in the same
 * millisecond the order among them may differ from the engine's log.
 */
export function inEngineOrder(elements: TimedElement[], taskSteps: ReplayStep[]): ReplayStep[] {
  const keyOf = (element: TimedElement) => BigInt(element.elementInstanceKey);
  const within = (inner: TimedElement, outer: TimedElement) =>
    time(inner.start) >= time(outer.start) && time(inner.end) <= time(outer.end);

  /** The highest key created while `element` ran, inside it. */
  function lastKeyInside(element: TimedElement): bigint {
    let last = keyOf(element);
    if (element.elementType === 'CALL_ACTIVITY') {
      const called = new Set(
        elements
          .filter(
            (e) =>
              e.elementType === 'PROCESS' &&
              e.parentProcessInstanceKey === element.processInstanceKey &&
              within(e, element),
          )
          .map((e) => e.processInstanceKey),
      );
      // Processes those called in turn count too: everything created under the call.
      let grew = true;
      while (grew) {
        grew = false;
        for (const e of elements) {
          if (
            e.parentProcessInstanceKey &&
            called.has(e.parentProcessInstanceKey) &&
            !called.has(e.processInstanceKey)
          ) {
            called.add(e.processInstanceKey);
            grew = true;
          }
        }
      }
      for (const e of elements)
        if (called.has(e.processInstanceKey) && keyOf(e) > last) last = keyOf(e);
    } else if (element.elementType !== null && SCOPES.has(element.elementType)) {
      for (const e of elements) {
        const inside =
          e.processInstanceKey === element.processInstanceKey &&
          keyOf(e) > keyOf(element) &&
          (element.elementType === 'PROCESS' || within(e, element));
        if (inside && keyOf(e) > last) last = keyOf(e);
      }
    }
    return last;
  }

  // Eight slots per key: activation, task created, task ended, plain end, scope end, call end.
  const ordered: Array<{ step: ReplayStep; at: number; sequence: bigint }> = [];
  for (const element of elements) {
    const { start, end, endEvent, parentProcessInstanceKey: _parent, ...identity } = element;
    ordered.push({
      step: { ...identity, at: start, event: 'ELEMENT_ACTIVATED' },
      at: time(start),
      sequence: keyOf(element) * 8n,
    });
    if (endEvent !== null) {
      const slot =
        element.elementType === 'CALL_ACTIVITY'
          ? 6n
          : element.elementType !== null && SCOPES.has(element.elementType)
            ? 5n
            : 4n;
      ordered.push({
        step: { ...identity, at: end, event: endEvent },
        at: time(end),
        sequence: lastKeyInside(element) * 8n + slot,
      });
    }
  }
  for (const step of taskSteps) {
    const key = BigInt(step.elementInstanceKey ?? '0');
    ordered.push({
      step,
      at: time(step.at),
      sequence: key * 8n + (step.event === 'USER_TASK_CREATED' ? 1n : 2n),
    });
  }
  ordered.sort(
    (a, b) => a.at - b.at || (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0),
  );
  return ordered.map((entry) => entry.step);
}
