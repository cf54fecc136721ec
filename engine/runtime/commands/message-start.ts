import { startAt } from '../behaviors/process-start';
import type { FlowElement } from '../../bpmn/model';
import { evaluateExpression } from '../../feel';
import type { ProcessingContext } from '../../processing/context';
import type { StartEventCorrelationValue } from '../../state/appliers';
import type { Message } from '../../state/messages';
import type { DeployedProcess, ProcessInstanceValue } from '../../state/types';

/**
 * Message start events (Camunda docs, "Message events"): the latest version of each process
 * subscribes by message name. An instance is not started while another instance of the same
 * process, started by a message with the same non-empty correlation key, is still active.
 * Messages published before the deployment are not correlated to it.
 */
export function startEventsFor(
  ctx: ProcessingContext,
  message: Pick<Message, 'name' | 'correlationKey' | 'tenantId'>,
): Array<{ deployed: DeployedProcess; startEvent: FlowElement }> {
  const found: Array<{ deployed: DeployedProcess; startEvent: FlowElement }> = [];
  for (const bpmnProcessId of ctx.state.processVersions.keys()) {
    const deployed = ctx.state.latestProcess(bpmnProcessId);
    if (!deployed) continue;
    const process = deployed.executable;
    const startEvent = Object.values(process.elements).find(
      (e) =>
        e.elementType === 'START_EVENT' &&
        e.eventType === 'MESSAGE' &&
        e.flowScopeId === process.bpmnProcessId &&
        e.message?.name !== undefined &&
        nameOf(e) === message.name,
    );
    if (!startEvent) continue;
    const active = ctx.state.messages.startedByKey.get(
      `${bpmnProcessId}\n${message.correlationKey}`,
    );
    if (message.correlationKey !== '' && active && ctx.state.elementInstances.has(active)) continue;
    found.push({ deployed, startEvent });
  }
  return found;
}

function nameOf(element: FlowElement): string | undefined {
  const result = evaluateExpression(element.message!.name!, {}, 'string');
  return result.ok ? (result.value as string) : undefined;
}

/** A new instance of `deployed`, entered at its message start event with the message variables. */
export function startByMessage(
  ctx: ProcessingContext,
  deployed: DeployedProcess,
  startEvent: FlowElement,
  message: Pick<Message, 'key' | 'name' | 'correlationKey' | 'variables' | 'tenantId'>,
): string {
  const key = ctx.nextKey();
  const correlation: StartEventCorrelationValue = {
    processDefinitionKey: deployed.key,
    bpmnProcessId: deployed.bpmnProcessId,
    startEventId: startEvent.id,
    messageName: message.name,
    messageKey: message.key,
    correlationKey: message.correlationKey,
    processInstanceKey: key,
    variables: message.variables,
    tenantId: message.tenantId,
  };
  ctx.event('MESSAGE_START_EVENT_SUBSCRIPTION', 'CORRELATED', ctx.nextKey(), correlation, key);
  startAt(ctx, key, deployed, startEvent, message.variables, message.tenantId);
  return key;
}

/**
 * When an instance started by a message with a correlation key ends, the oldest message with
 * that key still buffered for one of the process's message start events starts the next
 * instance (Camunda docs, "Message events"). `correlationKey` is the ended instance's, read
 * before its end event (which forgets it).
 */
export function startNextBufferedInstance(
  ctx: ProcessingContext,
  ended: { key: string; value: ProcessInstanceValue },
  correlationKey: string | undefined,
): void {
  if (correlationKey === undefined) return;
  const deployed = ctx.state.latestProcess(ended.value.bpmnProcessId);
  if (!deployed) return;
  const process = deployed.executable;
  for (const message of ctx.state.messages.messages.values()) {
    if (message.correlationKey !== correlationKey || message.deadline <= ctx.now) continue;
    if (ctx.state.messages.wasCorrelated(message.key, deployed.bpmnProcessId)) continue;
    const startEvent = Object.values(process.elements).find(
      (e) =>
        e.elementType === 'START_EVENT' &&
        e.eventType === 'MESSAGE' &&
        e.flowScopeId === process.bpmnProcessId &&
        e.message?.name !== undefined &&
        nameOf(e) === message.name,
    );
    if (!startEvent) continue;
    startByMessage(ctx, deployed, startEvent, message);
    return;
  }
}
