import { rootProcessValue } from '../behaviors/process-start';
import { awaitsStartListeners } from '../behaviors/execution-listeners';
import { evaluateExpression } from '../../feel';
import { raiseIncident, resolveIncidentsOf } from '../behaviors/incidents';
import { boundProcess } from '../behaviors/process-binding';
import { toActivated } from '../behaviors/activation';
import { toCompleted, toTerminated } from '../behaviors/lifecycle';
import {
  applyInputMappings,
  applyOutputMappings,
  mergeVariables,
  setLocalVariables,
} from '../behaviors/variables';
import { contextOf, type ElementContext } from '../element-context';
import type { ElementProcessor } from './element-processor';

/**
 * Call activity: starts the called process's version its binding type names (latest, the one
 * deployed with the caller, or the latest with a version tag) as a child instance and completes
 * when the child completes. Variables (Camunda docs, "Call activities"): the child
 * gets all variables visible at the call activity unless propagateAllParentVariables is false
 * (then only the input mappings' results); on completion all child variables come back unless
 * propagateAllChildVariables is false, and output mappings, when present, decide what leaves.
 */
export const callActivity: ElementProcessor = {
  onActivate(ec) {
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    if (awaitsStartListeners(ec)) return;
    const called = ec.element.calledElement!;
    const visible = ec.ctx.state.visibleVariables(ec.key);
    const processId = evaluateExpression(called.processId, visible, 'string');
    if (!processId.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', processId.message);
    const caller = ec.ctx.state.processes.get(ec.value.processDefinitionKey)!;
    const bound = boundProcess(ec.ctx.state, String(processId.value), called, caller);
    if (!bound.ok) return raiseIncident(ec, 'CALLED_ELEMENT_ERROR', bound.message);
    const deployed = bound.process;
    if (!deployed.executable.noneStartEventId) {
      return raiseIncident(
        ec,
        'CALLED_ELEMENT_ERROR',
        `Expected process with BPMN process id '${deployed.bpmnProcessId}' to have a none start event, but not found.`,
      );
    }
    if (!toActivated(ec)) return;
    const childKey = ec.ctx.nextKey();
    const childValue = rootProcessValue(deployed, childKey, ec.value.tenantId, {
      processInstanceKey: ec.value.processInstanceKey,
      elementInstanceKey: ec.key,
    });
    const variables = called.propagateAllParentVariables
      ? visible
      : ec.ctx.state.localVariables(ec.key);
    setLocalVariables(ec.ctx, childKey, variables, childValue);
    ec.ctx.command('PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', childKey, childValue, childKey);
  },
  onComplete(ec) {
    const output = applyOutputMappings(ec);
    if (!output.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', output.message);
    toCompleted(ec);
  },
  onTerminate(ec) {
    const childKey = ec.ctx.state.elementInstances.get(ec.key)?.calledChildKey;
    const child = childKey ? ec.ctx.state.elementInstances.get(childKey) : undefined;
    if (child) {
      if (child.state !== 'ELEMENT_TERMINATING') {
        ec.ctx.command('PROCESS_INSTANCE', 'TERMINATE_ELEMENT', child.key, child.value, child.key);
      }
      return; // finishes when the child has terminated
    }
    resolveIncidentsOf(ec);
    toTerminated(ec);
  },
};

/** While a called process completes, its variables go to the call activity as documented. */
export function handOverToCallActivity(child: ElementContext): void {
  const parentKey = child.value.parentElementInstanceKey;
  if (parentKey === '-1') return;
  const parent = child.ctx.state.elementInstances.get(parentKey);
  if (!parent) return;
  const parentCtx = contextOf(child.ctx, parent.key, parent.value);
  const called = parentCtx.element.calledElement!;
  const variables = child.ctx.state.localVariables(child.key);
  if (parentCtx.element.outputMappings.length > 0) {
    setLocalVariables(child.ctx, parent.key, variables, parent.value);
  } else if (called.propagateAllChildVariables) {
    mergeVariables(child.ctx, parent.key, variables, parent.value);
  }
}

/** After a called process ended: the call activity completes, or finishes terminating. */
export function onChildProcessEnded(child: ElementContext): void {
  const parentKey = child.value.parentElementInstanceKey;
  if (parentKey === '-1') return;
  const parent = child.ctx.state.elementInstances.get(parentKey);
  if (!parent) return;
  if (parent.state === 'ELEMENT_ACTIVATED') {
    child.ctx.command(
      'PROCESS_INSTANCE',
      'COMPLETE_ELEMENT',
      parent.key,
      parent.value,
      parent.value.processInstanceKey,
    );
  } else if (parent.state === 'ELEMENT_TERMINATING') {
    const parentCtx = contextOf(child.ctx, parent.key, parent.value);
    resolveIncidentsOf(parentCtx);
    toTerminated(parentCtx);
  }
}
