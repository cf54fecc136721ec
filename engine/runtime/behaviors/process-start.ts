import type { FlowElement } from '../../bpmn/model';
import type { ProcessingContext } from '../../processing/context';
import type { DeployedProcess, ProcessInstanceValue } from '../../state/types';
import { setLocalVariables } from './variables';

/** The record value of a new process instance `key` of `deployed` (a root, unless `parent`). */
export function rootProcessValue(
  deployed: DeployedProcess,
  key: string,
  tenantId: string,
  parent: { processInstanceKey: string; elementInstanceKey: string } = {
    processInstanceKey: '-1',
    elementInstanceKey: '-1',
  },
): ProcessInstanceValue {
  return {
    bpmnElementType: 'PROCESS',
    elementId: deployed.bpmnProcessId,
    bpmnProcessId: deployed.bpmnProcessId,
    version: deployed.version,
    processDefinitionKey: deployed.key,
    processInstanceKey: key,
    flowScopeKey: '-1',
    bpmnEventType: 'UNSPECIFIED',
    parentProcessInstanceKey: parent.processInstanceKey,
    parentElementInstanceKey: parent.elementInstanceKey,
    tenantId,
  };
}

/**
 * A new instance `key` of `deployed`, entered at `startEvent` (timer, message or signal start
 * event) instead of the none start event: the trigger is recorded first (PROCESS_EVENT
 * TRIGGERING), and the process reads it when it activates. The trigger's variables become the
 * instance's variables, as CreateProcessInstance's do.
 */
export function startAt(
  ctx: ProcessingContext,
  key: string,
  deployed: DeployedProcess,
  startEvent: FlowElement,
  variables: Record<string, unknown>,
  tenantId: string,
): void {
  const value = rootProcessValue(deployed, key, tenantId);
  ctx.event(
    'PROCESS_EVENT',
    'TRIGGERING',
    ctx.nextKey(),
    {
      scopeKey: key,
      targetElementId: startEvent.id,
      flowScopeKey: '-1',
      variables: JSON.stringify(variables),
      processInstanceKey: key,
      startEvent: true,
    },
    key,
  );
  ctx.command('PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', key, value, key);
  setLocalVariables(ctx, key, variables, value);
}
