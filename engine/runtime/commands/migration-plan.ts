import type { FlowElement } from '../../bpmn/model';
import { RejectionError } from '../../processing/command';
import type { EngineState } from '../../state/engine-state';
import type { DeployedProcess, ElementInstance } from '../../state/types';
import {
  checkBoundaryEvents,
  checkGatewayEvents,
  checkScope,
  checkUserTask,
} from './migration-checks';
import { planJoiningGateways, type TakenFlowMigration } from './migration-joins';

/*
 * The checks of a process instance migration (Camunda 8.8 docs, "Process instance migration"),
 * all made before anything is written, so that a rejected migration changes nothing.
 */

export interface MappingInstruction {
  sourceElementId: string;
  targetElementId: string;
}

export interface MigrationCommandValue {
  processInstanceKey: string;
  targetProcessDefinitionKey: string;
  mappingInstructions: MappingInstruction[];
}

/** One active element instance and the target element it becomes. */
export interface ElementMigration {
  instance: ElementInstance;
  target: FlowElement | undefined; // undefined: the process instance itself
}

export interface MigrationPlan {
  processInstance: ElementInstance;
  target: DeployedProcess;
  /** source element id → target element id, as instructed. */
  mappings: Map<string, string>;
  /** The process instance first, then every active element, each after its flow scope. */
  elements: ElementMigration[];
  /** The taken flows of joining gateways still waiting, in every migrated scope. */
  takenFlows: TakenFlowMigration[];
}

/** The element types whose active instances the engine migrates (see engine/README.md). */
const MIGRATABLE = new Set([
  'SERVICE_TASK',
  'SEND_TASK',
  'SCRIPT_TASK',
  'BUSINESS_RULE_TASK',
  'USER_TASK',
  'RECEIVE_TASK',
  'SUB_PROCESS',
  'CALL_ACTIVITY',
  'INTERMEDIATE_CATCH_EVENT',
  'EVENT_BASED_GATEWAY',
  // Active only while an incident holds it (no outgoing flow's condition was met).
  'EXCLUSIVE_GATEWAY',
]);

/**
 * Activated, or stuck in its activation by an incident (an input mapping, a gateway's
 * conditions): Camunda migrates those so that the incident is resolved on the target ("Correcting
 * mistakes in a process instance"). Other transitions (a listener running) are not wait states.
 */
export function isWaiting(instance: ElementInstance): boolean {
  return (
    instance.state === 'ELEMENT_ACTIVATED' ||
    (instance.state === 'ELEMENT_ACTIVATING' && instance.incidentKey !== undefined)
  );
}

function reject(type: 'NOT_FOUND' | 'INVALID_ARGUMENT' | 'INVALID_STATE', reason: string): never {
  throw new RejectionError(type, reason);
}

/** Validates a MIGRATE command against the state; throws the documented rejection. */
export function planMigration(state: EngineState, command: MigrationCommandValue): MigrationPlan {
  const piKey = command.processInstanceKey;
  const processInstance = state.elementInstances.get(piKey);
  if (!processInstance || processInstance.value.bpmnElementType !== 'PROCESS') {
    reject(
      'NOT_FOUND',
      `Expected to migrate process instance but no process instance found with key '${piKey}'`,
    );
  }
  const target = state.processes.get(command.targetProcessDefinitionKey);
  if (!target) {
    reject(
      'NOT_FOUND',
      `Expected to migrate process instance to process definition but no process definition found with key '${command.targetProcessDefinitionKey}'`,
    );
  }
  const source = state.processes.get(processInstance.value.processDefinitionKey)!;
  const mappings = readMappings(piKey, command.mappingInstructions, source, target);
  const elements: ElementMigration[] = [{ instance: processInstance, target: undefined }];
  for (const instance of activeElementsBelow(state, piKey)) {
    const targetElement = checkElement(state, piKey, instance, source, target, mappings);
    elements.push({ instance, target: targetElement });
  }
  checkScope(piKey, processInstance, target.bpmnProcessId, source, target);
  const takenFlows = elements.flatMap(({ instance, target: element }) =>
    planJoiningGateways(
      piKey,
      instance,
      element ? element.id : target.bpmnProcessId,
      source,
      target,
      mappings,
    ),
  );
  return { processInstance, target, mappings, elements, takenFlows };
}

function readMappings(
  piKey: string,
  instructions: MappingInstruction[],
  source: DeployedProcess,
  target: DeployedProcess,
): Map<string, string> {
  const mappings = new Map<string, string>();
  const duplicates = new Set<string>();
  for (const { sourceElementId, targetElementId } of instructions) {
    if (mappings.has(sourceElementId)) duplicates.add(sourceElementId);
    mappings.set(sourceElementId, targetElementId);
  }
  if (duplicates.size > 0) {
    reject(
      'INVALID_ARGUMENT',
      `Expected to migrate process instance '${piKey}' but the mapping instructions contain duplicate source element ids '[${[...duplicates].join(', ')}]'.`,
    );
  }
  for (const { sourceElementId, targetElementId } of instructions) {
    // Sequence flows too: the taken incoming flows of a waiting join are mapped (migration-joins.ts).
    if (
      !source.executable.elements[sourceElementId] &&
      !source.executable.sequenceFlows[sourceElementId]
    ) {
      reject(
        'INVALID_ARGUMENT',
        `Expected to migrate process instance '${piKey}' but mapping instructions contain a non-existing source element id '${sourceElementId}'. Elements provided in mapping instructions must exist in the source process definition.`,
      );
    }
    if (
      !target.executable.elements[targetElementId] &&
      !target.executable.sequenceFlows[targetElementId]
    ) {
      reject(
        'INVALID_ARGUMENT',
        `Expected to migrate process instance '${piKey}' but mapping instructions contain a non-existing target element id '${targetElementId}'. Elements provided in mapping instructions must exist in the target process definition.`,
      );
    }
  }
  return mappings;
}

/** The live element instances inside `scopeKey`, each after its flow scope (called instances excluded). */
function activeElementsBelow(state: EngineState, scopeKey: string): ElementInstance[] {
  const found: ElementInstance[] = [];
  for (const key of state.childKeys(scopeKey)) {
    const child = state.elementInstances.get(key);
    if (!child) continue;
    found.push(child, ...activeElementsBelow(state, key));
  }
  return found;
}

function checkElement(
  state: EngineState,
  piKey: string,
  instance: ElementInstance,
  source: DeployedProcess,
  target: DeployedProcess,
  mappings: Map<string, string>,
): FlowElement {
  const v = instance.value;
  const sourceElement = source.executable.elements[v.elementId]!;
  const scope = state.elementInstances.get(v.flowScopeKey);
  if (
    scope?.value.bpmnElementType === 'MULTI_INSTANCE_BODY' ||
    !MIGRATABLE.has(v.bpmnElementType)
  ) {
    const what =
      scope?.value.bpmnElementType === 'MULTI_INSTANCE_BODY'
        ? 'MULTI_INSTANCE_BODY'
        : v.bpmnElementType;
    reject(
      'INVALID_STATE',
      `Expected to migrate process instance '${piKey}' but active element with id '${v.elementId}' has an unsupported type. The migration of a ${what} is not supported.`,
    );
  }
  if (!isWaiting(instance)) {
    reject(
      'INVALID_STATE',
      `Expected to migrate process instance '${piKey}' but active element with id '${v.elementId}' is in state '${instance.state}'. Only activated elements, or elements whose activation an incident holds, can be migrated.`,
    );
  }
  const targetId = mappings.get(v.elementId);
  if (targetId === undefined) {
    reject(
      'INVALID_STATE',
      `Expected to migrate process instance '${piKey}' but no mapping instruction defined for active element with id '${v.elementId}'. Elements cannot be migrated without a mapping.`,
    );
  }
  const targetElement = target.executable.elements[targetId];
  if (!targetElement) {
    reject(
      'INVALID_STATE',
      `Expected to migrate process instance '${piKey}' but active element with id '${v.elementId}' is mapped to the sequence flow '${targetId}'. Elements must be mapped to elements of the same type.`,
    );
  }
  if (
    targetElement.elementType !== sourceElement.elementType ||
    targetElement.eventType !== sourceElement.eventType ||
    targetElement.loop !== undefined
  ) {
    const describe = (e: FlowElement) =>
      e.loop
        ? 'MULTI_INSTANCE_BODY'
        : e.eventType === 'UNSPECIFIED' || !e.eventType
          ? e.elementType
          : `${e.elementType} (${e.eventType})`;
    reject(
      'INVALID_STATE',
      `Expected to migrate process instance '${piKey}' but active element with id '${v.elementId}' and type '${describe(sourceElement)}' is mapped to an element with id '${targetId}' and different type '${describe(targetElement)}'. Elements must be mapped to elements of the same type.`,
    );
  }
  const expectedScope =
    sourceElement.flowScopeId === source.bpmnProcessId
      ? target.bpmnProcessId
      : mappings.get(sourceElement.flowScopeId);
  if (targetElement.flowScopeId !== expectedScope) {
    reject(
      'INVALID_STATE',
      `Expected to migrate process instance '${piKey}' but the flow scope of active element with id '${v.elementId}' is changed. The flow scope of the active element is expected to be '${expectedScope}' but was '${targetElement.flowScopeId}'. The flow scope of an element cannot be changed during migration yet.`,
    );
  }
  checkUserTask(state, piKey, instance, sourceElement, targetElement);
  checkBoundaryEvents(piKey, v.elementId, sourceElement, targetElement, source, target, mappings);
  checkGatewayEvents(piKey, sourceElement, targetElement, source, target, mappings);
  checkScope(piKey, instance, targetId, source, target);
  return targetElement;
}
