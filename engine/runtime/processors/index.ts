import type { BpmnElementType, BpmnEventType } from '../../bpmn/model';
import { registerContainerHooks, type ContainerHooks } from '../behaviors/lifecycle';
import { adHocInnerInstance, adHocSubProcess } from './ad-hoc-sub-process';
import { businessRuleTask } from './business-rule-task';
import { callActivity } from './call-activity';
import { eventSubProcessProcessor, processProcessor, subProcessProcessor } from './containers';
import type { ElementProcessor } from './element-processor';
import { boundaryEvent, errorEndEvent, linkThrowEvent, terminateEndEvent } from './events';
import { escalationThrowEvent } from './escalation-events';
import { compensationThrowEvent } from './compensation-events';
import { passThrough, startEvent } from './flow-node';
import { exclusiveGateway, inclusiveGateway, parallelGateway } from './gateways';
import { jobWorkerTask } from './job-worker-task';
import { multiInstanceBody } from './multi-instance-body';
import { eventBasedGateway } from './event-based-gateway';
import { messageCatch } from './message-catch';
import { scriptTask } from './script-task';
import { signalCatch, signalThrow } from './signal-events';
import { timerCatchEvent } from './timer-catch';
import { userTask } from './user-task';

export { createLoopVariables } from './multi-instance-body';

const BY_TYPE: Partial<Record<BpmnElementType, ElementProcessor>> = {
  PROCESS: processProcessor,
  SUB_PROCESS: subProcessProcessor,
  EVENT_SUB_PROCESS: eventSubProcessProcessor,
  AD_HOC_SUB_PROCESS: adHocSubProcess,
  AD_HOC_SUB_PROCESS_INNER_INSTANCE: adHocInnerInstance,
  MULTI_INSTANCE_BODY: multiInstanceBody,
  CALL_ACTIVITY: callActivity,
  START_EVENT: startEvent,
  SERVICE_TASK: jobWorkerTask,
  SEND_TASK: jobWorkerTask,
  SCRIPT_TASK: scriptTask,
  BUSINESS_RULE_TASK: businessRuleTask,
  USER_TASK: userTask,
  MANUAL_TASK: passThrough,
  TASK: passThrough,
  EXCLUSIVE_GATEWAY: exclusiveGateway,
  PARALLEL_GATEWAY: parallelGateway,
  INCLUSIVE_GATEWAY: inclusiveGateway,
  BOUNDARY_EVENT: boundaryEvent,
  RECEIVE_TASK: messageCatch,
  EVENT_BASED_GATEWAY: eventBasedGateway,
};

const END_EVENTS: Partial<Record<BpmnEventType, ElementProcessor>> = {
  NONE: passThrough,
  TERMINATE: terminateEndEvent,
  ERROR: errorEndEvent,
  // Camunda 8.8, "Message events": message throw events behave exactly like service tasks.
  MESSAGE: jobWorkerTask,
  SIGNAL: signalThrow,
  ESCALATION: escalationThrowEvent,
  COMPENSATION: compensationThrowEvent,
};

const CATCH_EVENTS: Partial<Record<BpmnEventType, ElementProcessor>> = {
  LINK: passThrough,
  TIMER: timerCatchEvent,
  MESSAGE: messageCatch,
  SIGNAL: signalCatch,
};

const THROW_EVENTS: Partial<Record<BpmnEventType, ElementProcessor>> = {
  NONE: passThrough,
  LINK: linkThrowEvent,
  MESSAGE: jobWorkerTask,
  SIGNAL: signalThrow,
  ESCALATION: escalationThrowEvent,
  COMPENSATION: compensationThrowEvent,
};

/** The processor for an element instance, by its element type and event type. */
export function processorFor(
  elementType: BpmnElementType,
  eventType: BpmnEventType,
): ElementProcessor {
  const processor =
    elementType === 'END_EVENT'
      ? END_EVENTS[eventType]
      : elementType === 'INTERMEDIATE_THROW_EVENT'
        ? THROW_EVENTS[eventType]
        : elementType === 'INTERMEDIATE_CATCH_EVENT'
          ? CATCH_EVENTS[eventType]
          : BY_TYPE[elementType];
  if (!processor) throw new Error(`no processor for ${elementType} (${eventType})`);
  return processor;
}

registerContainerHooks((elementType) => {
  const processor = BY_TYPE[elementType as BpmnElementType];
  return processor && 'onChildCompleted' in processor
    ? (processor as ElementProcessor & ContainerHooks)
    : undefined;
});
