import { flowScopesOf, type StartInstruction } from '../../bpmn/start-instructions';
import type { ProcessingContext } from '../../processing/context';
import type { DeployedProcess, ProcessInstanceValue } from '../../state/types';
import { childValue, contextOf, type ElementContext } from '../element-context';
import { armEventSubProcesses } from './event-sub-process-arming';
import { raiseIncident } from './incidents';
import { toActivated } from './activation';
import { activateChild } from './lifecycle';

/**
 * A new instance started before the given elements instead of at its none start event (Camunda
 * docs, "Process instance creation" → "Create and start at a user-defined element", and
 * "Process instance modification" → "Activate a nested element"). The process instance and the
 * sub-processes or event sub-processes around each element are entered directly: they arm
 * their boundary events and event sub-processes, but no start event runs and no input mapping
 * of theirs applies. Each element then activates as if its incoming flow had been taken (its
 * input mappings apply); several instructions give several tokens, and instructions inside the
 * same container share its instance. A joining gateway started this way goes on at once, as in
 * Zeebe. Call after the validation (bpmn/start-instructions.ts) and the instance's variables.
 */
export function startBeforeElements(
  ctx: ProcessingContext,
  deployed: DeployedProcess,
  processValue: ProcessInstanceValue,
  instructions: StartInstruction[],
): void {
  const root = enterDirectly(ctx, processValue.processInstanceKey, processValue);
  if (!root) return;
  for (const { elementId } of instructions) {
    const scope = flowScopeInstance(root, deployed, elementId);
    if (!scope) continue;
    const element = deployed.executable.elements[elementId]!;
    ctx.activatedWithoutFlow.add(activateChild(ctx, scope, element));
  }
}

/**
 * The instance of the element's innermost container in which it starts: an active one entered
 * for an earlier instruction of the same command, or one entered now, outermost first.
 */
function flowScopeInstance(
  root: ElementContext,
  deployed: DeployedProcess,
  elementId: string,
): ElementContext | undefined {
  const { ctx } = root;
  let scope: ElementContext | undefined = root;
  for (const containerId of flowScopesOf(deployed.executable, elementId)) {
    const parent: ElementContext = scope;
    const existing = ctx.state
      .childKeys(parent.key)
      .map((key) => ctx.state.elementInstances.get(key)!)
      .find(
        (child) => child.value.elementId === containerId && child.state === 'ELEMENT_ACTIVATED',
      );
    if (existing) {
      scope = contextOf(ctx, existing.key, existing.value);
      continue;
    }
    const container = deployed.executable.elements[containerId]!;
    scope = enterDirectly(ctx, ctx.nextKey(), childValue(parent, container));
    if (!scope) return undefined;
  }
  return scope;
}

/**
 * ELEMENT_ACTIVATING and ELEMENT_ACTIVATED of a container, with its boundary events and event
 * sub-processes armed. An event sub-process that cannot be armed raises an incident on the
 * container, as at a regular start, and nothing starts inside it.
 */
export function enterDirectly(
  ctx: ProcessingContext,
  key: string,
  value: ProcessInstanceValue,
): ElementContext | undefined {
  ctx.event('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', key, value, value.processInstanceKey);
  const ec = contextOf(ctx, key, value);
  toActivated(ec);
  const armed = armEventSubProcesses(ec);
  if (armed.ok) return ec;
  raiseIncident(ec, 'EXTRACT_VALUE_ERROR', armed.message);
  return undefined;
}
