import type { FlowElement } from '../../bpmn/model';
import { RejectionError } from '../../processing/command';
import type { EngineState } from '../../state/engine-state';
import type { DeployedProcess, ElementInstance } from '../../state/types';
import {
  checkCatchEvents,
  isInterrupted,
  roleOf,
  type InstanceRole,
} from './migration-catch-events';
import {
  checkElementState,
  checkNoFlowInTransit,
  checkSameType,
  checkUserTask,
} from './migration-checks';
import { planJoinMoves, type TakenFlowMove } from './migration-joins';

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
  /** The target element (for the process instance itself: the target process). */
  target: FlowElement;
  role: InstanceRole;
  /** A scope interrupted by an event sub-process: its event sub-process starts stay closed. */
  interrupted: boolean;
  /** The taken flows of the joins waiting in this scope. */
  joins: TakenFlowMove[];
}

export interface MigrationPlan {
  processInstance: ElementInstance;
  target: DeployedProcess;
  /** source element id → target element id, as instructed. */
  mappings: Map<string, string>;
  /** The process instance first, then every active element, each after its flow scope. */
  elements: ElementMigration[];
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
  'MULTI_INSTANCE_BODY',
  'EVENT_SUB_PROCESS',
  'EVENT_BASED_GATEWAY',
  'EXCLUSIVE_GATEWAY',
]);

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
  const root = target.executable.elements[target.bpmnProcessId]!;
  const sourceRoot = source.executable.elements[source.bpmnProcessId]!;
  checkCatchEvents(piKey, sourceRoot.id, 'plain', sourceRoot, root, source, target, mappings);
  checkNoFlowInTransit(piKey, processInstance);
  const elements: ElementMigration[] = [
    {
      instance: processInstance,
      target: root,
      role: 'plain',
      interrupted: isInterrupted(state, processInstance, source),
      joins: planJoinMoves(piKey, processInstance, root.id, source, target, mappings),
    },
  ];
  for (const instance of activeElementsBelow(state, piKey)) {
    const targetElement = checkElement(state, piKey, instance, source, target, mappings);
    elements.push({
      instance,
      target: targetElement,
      role: roleOf(state, instance),
      interrupted: isInterrupted(state, instance, source),
      joins: planJoinMoves(piKey, instance, targetElement.id, source, target, mappings),
    });
  }
  return { processInstance, target, mappings, elements };
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
  // Sequence flows may be mapped too: the taken incoming flows of a waiting join.
  const has = (p: DeployedProcess, id: string) =>
    p.executable.elements[id] !== undefined || p.executable.sequenceFlows[id] !== undefined;
  for (const { sourceElementId, targetElementId } of instructions) {
    if (!has(source, sourceElementId)) {
      reject(
        'INVALID_ARGUMENT',
        `Expected to migrate process instance '${piKey}' but mapping instructions contain a non-existing source element id '${sourceElementId}'. Elements provided in mapping instructions must exist in the source process definition.`,
      );
    }
    if (!has(target, targetElementId)) {
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
  if (!MIGRATABLE.has(v.bpmnElementType)) {
    reject(
      'INVALID_STATE',
      `Expected to migrate process instance '${piKey}' but active element with id '${v.elementId}' has an unsupported type. The migration of a ${v.bpmnElementType} is not supported.`,
    );
  }
  checkElementState(state, piKey, instance);
  const targetId = mappings.get(v.elementId);
  if (targetId === undefined) {
    reject(
      'INVALID_STATE',
      `Expected to migrate process instance '${piKey}' but no mapping instruction defined for active element with id '${v.elementId}'. Elements cannot be migrated without a mapping.`,
    );
  }
  const targetElement = target.executable.elements[targetId]!;
  const role = roleOf(state, instance);
  checkSameType(piKey, v.elementId, role, sourceElement, targetElement);
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
  checkNoFlowInTransit(piKey, instance);
  checkCatchEvents(
    piKey,
    v.elementId,
    role,
    sourceElement,
    targetElement,
    source,
    target,
    mappings,
  );
  return targetElement;
}
