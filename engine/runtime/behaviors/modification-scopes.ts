import { flowScopesOf } from '../../bpmn/start-instructions';
import type { ProcessingContext } from '../../processing/context';
import type { EngineState } from '../../state/engine-state';
import type { DeployedProcess, ElementInstance } from '../../state/types';
import { childValue, contextOf, type ElementContext } from '../element-context';
import { activateChild } from './lifecycle';
import type { ModificationActivateInstruction } from './modification-record';
import { enterDirectly } from './start-instructions';
import { setLocalVariables } from './variables';

/**
 * One activate instruction (Camunda docs, "Process instance modification" → "Activate an
 * element"): the element activates as if a sequence flow had reached it, inside its flow scope.
 * Without an ancestor, the flow scopes' active instances are used and missing ones are entered
 * (the same direct entry as a start instruction: no start event runs); with one, new instances
 * of the flow scopes below the chosen ancestor are entered. The instruction's variables are set
 * as local variables of their scopes first, so the element's input mappings see them. Returns
 * the flow scope instance the element activates in (undefined: a scope raised an incident).
 */
export function activateBefore(
  ctx: ProcessingContext,
  processInstance: ElementInstance,
  deployed: DeployedProcess,
  instruction: ModificationActivateInstruction,
): string | undefined {
  const process = deployed.executable;
  const element = process.elements[instruction.elementId]!;
  const ancestor = instruction.ancestorElementInstanceKey;
  const selected = ctx.state.elementInstances.get(
    ancestor === '-1' ? processInstance.key : ancestor,
  )!;
  let scope: ElementContext = contextOf(ctx, selected.key, selected.value);
  const scopeKeys = new Map<string, string>([[selected.value.elementId, selected.key]]);
  const containers = flowScopesOf(process, element.id);
  const below = containers.slice(containers.indexOf(selected.value.elementId) + 1);
  for (const containerId of below) {
    const existing =
      ancestor === '-1'
        ? ctx.state
            .childKeys(scope.key)
            .map((key) => ctx.state.elementInstances.get(key)!)
            .find((c) => c.value.elementId === containerId && c.state === 'ELEMENT_ACTIVATED')
        : undefined;
    const next: ElementContext | undefined = existing
      ? contextOf(ctx, existing.key, existing.value)
      : enterDirectly(ctx, ctx.nextKey(), childValue(scope, process.elements[containerId]!));
    if (!next) return undefined;
    scope = next;
    scopeKeys.set(containerId, scope.key);
  }
  for (let at = scope.key; at !== '-1';) {
    const instance = ctx.state.elementInstances.get(at)!;
    scopeKeys.set(instance.value.elementId, at);
    at = instance.value.bpmnElementType === 'PROCESS' ? '-1' : instance.value.flowScopeKey;
  }
  const elementKey = ctx.nextKey();
  scopeKeys.set(element.id, elementKey);
  scopeKeys.set('', processInstance.key);
  for (const { scopeId, variables } of instruction.variableInstructions) {
    setLocalVariables(ctx, scopeKeys.get(scopeId)!, variables, scope.value);
  }
  ctx.activatedWithoutFlow.add(activateChild(ctx, scope, element, undefined, elementKey));
  return scope.key;
}

/**
 * The element instances a modification's terminate instructions end (Camunda docs: an element
 * instance is terminated with its children; a flow scope left without active element instances
 * is terminated too, up to the process instance). An instance whose ancestor is terminated
 * anyway is left to it; a flow scope whose every child would end, that receives no activation
 * of this modification and has no token in transit, is terminated in its children's place.
 */
export function terminationTargets(
  state: EngineState,
  keys: string[],
  activatedIn: ReadonlySet<string>,
): string[] {
  const targets = new Set(keys);
  const coveredByAncestor = (key: string) => {
    for (let at = flowScopeKeyOf(state, key); at; at = flowScopeKeyOf(state, at)) {
      if (targets.has(at)) return true;
    }
    return false;
  };
  for (const key of [...targets]) if (coveredByAncestor(key)) targets.delete(key);
  for (let changed = true; changed;) {
    changed = false;
    for (const key of [...targets]) {
      const scopeKey = flowScopeKeyOf(state, key);
      const scope = scopeKey ? state.elementInstances.get(scopeKey) : undefined;
      if (!scope || !leftEmpty(state, scope, targets, activatedIn)) continue;
      for (const child of state.childKeys(scope.key)) targets.delete(child);
      targets.add(scope.key);
      changed = true;
      break;
    }
  }
  return [...targets];
}

function leftEmpty(
  state: EngineState,
  scope: ElementInstance,
  targets: ReadonlySet<string>,
  activatedIn: ReadonlySet<string>,
): boolean {
  return (
    scope.state === 'ELEMENT_ACTIVATED' &&
    !scope.pendingTrigger &&
    scope.activeFlows === 0 &&
    !activatedIn.has(scope.key) &&
    state.childKeys(scope.key).every((child) => targets.has(child))
  );
}

/** The flow scope of an element instance; none for a process instance (a called one too). */
function flowScopeKeyOf(state: EngineState, key: string): string | undefined {
  const instance = state.elementInstances.get(key);
  if (!instance || instance.value.bpmnElementType === 'PROCESS') return undefined;
  return instance.value.flowScopeKey;
}
