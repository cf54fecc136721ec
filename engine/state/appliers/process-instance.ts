import type { EngineState } from '../engine-state';
import type { ElementInstance, ElementState, ProcessInstanceValue } from '../types';
import type { Applier } from './applier';

function elementOf(state: EngineState, value: ProcessInstanceValue) {
  return state.processes.get(value.processDefinitionKey)?.executable.elements[value.elementId];
}

function isJoin(elementType: string, incoming: number): boolean {
  return (
    (elementType === 'PARALLEL_GATEWAY' || elementType === 'INCLUSIVE_GATEWAY') && incoming > 1
  );
}

/**
 * ELEMENT_ACTIVATING creates the element instance. An element reached by a sequence flow
 * consumes that flow from its scope's flows in transit (a joining gateway consumes one arrival
 * from each incoming flow that has one); one started directly (a start instruction) has no
 * flow in transit and consumes none.
 */
const activating: Applier = (state, record) => {
  const value = record.value as ProcessInstanceValue;
  state.addElementInstance({
    key: record.key,
    state: 'ELEMENT_ACTIVATING',
    value,
    activeFlows: 0,
  });
  if (value.bpmnElementType === 'PROCESS' && value.parentElementInstanceKey !== '-1') {
    const callActivity = state.elementInstances.get(value.parentElementInstanceKey);
    if (callActivity) callActivity.calledChildKey = record.key;
  }
  const scope = state.elementInstances.get(value.flowScopeKey);
  if (!scope) return;
  if (isInnerInstance(scope, value)) {
    // started by its multi-instance body rather than by a flow
    scope.multiInstance ??= { started: 0, completed: 0, terminated: 0 };
    scope.multiInstance.started += 1;
    return;
  }
  const element = elementOf(state, value);
  if (!element || element.incoming.length === 0) return;
  if (isJoin(element.elementType, element.incoming.length)) {
    const taken = scope.takenFlows?.[element.id] ?? {};
    for (const flowId of Object.keys(taken)) {
      if ((taken[flowId] ?? 0) > 0) {
        taken[flowId]! -= 1;
        scope.activeFlows -= 1;
        arrived(scope, flowId);
      }
    }
  } else {
    const flowId = element.incoming.find((id) => (scope.flowsInTransit?.[id] ?? 0) > 0);
    if (flowId) {
      scope.activeFlows -= 1;
      arrived(scope, flowId);
    }
  }
};

function arrived(scope: ElementInstance, flowId: string): void {
  const transit = scope.flowsInTransit;
  if (!transit?.[flowId]) return;
  transit[flowId] -= 1;
  if (transit[flowId] === 0) delete transit[flowId];
}

const transition =
  (to: ElementState): Applier =>
  (state, record) => {
    const instance = state.elementInstances.get(record.key);
    if (!instance) return;
    instance.state = to;
    // The end listeners count from the first again (the start listeners are done).
    delete instance.executionListenerIndex;
  };

function isInnerInstance(scope: ElementInstance, value: ProcessInstanceValue): boolean {
  return (
    scope.value.bpmnElementType === 'MULTI_INSTANCE_BODY' &&
    value.bpmnElementType !== 'MULTI_INSTANCE_BODY'
  );
}

const ended =
  (outcome: 'completed' | 'terminated'): Applier =>
  (state, record) => {
    const value = record.value as ProcessInstanceValue;
    const scope = state.elementInstances.get(value.flowScopeKey);
    if (scope && isInnerInstance(scope, value) && scope.multiInstance) {
      scope.multiInstance[outcome] += 1;
    }
    if (value.bpmnElementType === 'PROCESS' && value.parentElementInstanceKey !== '-1') {
      const callActivity = state.elementInstances.get(value.parentElementInstanceKey);
      if (callActivity) delete callActivity.calledChildKey;
    }
    if (value.bpmnElementType === 'PROCESS') state.messages.forgetStart(record.key);
    state.removeElementInstance(record.key);
  };

/** A taken flow is "in transit" in its scope until its target activates (joins read this). */
const sequenceFlowTaken: Applier = (state, record) => {
  const value = record.value as ProcessInstanceValue;
  const scope = state.elementInstances.get(value.flowScopeKey);
  if (!scope) return;
  scope.activeFlows += 1;
  scope.flowsInTransit ??= {};
  scope.flowsInTransit[value.elementId] = (scope.flowsInTransit[value.elementId] ?? 0) + 1;
  const process = state.processes.get(value.processDefinitionKey)?.executable;
  const flow = process?.sequenceFlows[value.elementId];
  const target = flow ? process?.elements[flow.targetId] : undefined;
  if (flow && target && isJoin(target.elementType, target.incoming.length)) {
    scope.takenFlows ??= {};
    const counts = (scope.takenFlows[target.id] ??= {});
    counts[flow.id] = (counts[flow.id] ?? 0) + 1;
  }
};

export const processInstanceAppliers: Record<string, Applier> = {
  'PROCESS_INSTANCE:ELEMENT_ACTIVATING': activating,
  'PROCESS_INSTANCE:ELEMENT_ACTIVATED': transition('ELEMENT_ACTIVATED'),
  'PROCESS_INSTANCE:ELEMENT_COMPLETING': transition('ELEMENT_COMPLETING'),
  'PROCESS_INSTANCE:ELEMENT_COMPLETED': ended('completed'),
  'PROCESS_INSTANCE:ELEMENT_TERMINATING': transition('ELEMENT_TERMINATING'),
  'PROCESS_INSTANCE:ELEMENT_TERMINATED': ended('terminated'),
  'PROCESS_INSTANCE:SEQUENCE_FLOW_TAKEN': sequenceFlowTaken,
};

/** PROCESS_EVENT TRIGGERING: an interrupting event waits for its scope's termination. */
const eventTriggering: Applier = (state, record) => {
  const value = record.value as {
    scopeKey: string;
    targetElementId: string;
    flowScopeKey: string;
    variables: string;
    startEvent?: boolean;
  };
  if (value.startEvent) {
    // A timer start event: the instance about to be created enters at that start event.
    state.pendingStartEvents.set(value.scopeKey, value.targetElementId);
    return;
  }
  const instance = state.elementInstances.get(value.scopeKey);
  if (instance) {
    instance.pendingTrigger = {
      elementId: value.targetElementId,
      flowScopeKey: value.flowScopeKey,
      variables: JSON.parse(value.variables) as Record<string, unknown>,
    };
  }
};

/** The catch event about to activate receives the trigger's variables (e.g. a thrown error's). */
const eventTriggered: Applier = (state, record) => {
  const value = record.value as { scopeKey: string; targetInstanceKey: string; variables: string };
  state.pendingStartEvents.delete(value.scopeKey);
  const instance = state.elementInstances.get(value.scopeKey);
  if (instance?.pendingTrigger) {
    // A scope that stays alive (an interrupting event sub-process): its tokens were dropped.
    delete instance.pendingTrigger;
    instance.activeFlows = 0;
    delete instance.flowsInTransit;
  }
  if (value.targetInstanceKey === '-1') return;
  state.eventVariables.set(
    value.targetInstanceKey,
    JSON.parse(value.variables) as Record<string, unknown>,
  );
};

export const processEventAppliers: Record<string, Applier> = {
  'PROCESS_EVENT:TRIGGERING': eventTriggering,
  'PROCESS_EVENT:TRIGGERED': eventTriggered,
};
