import type { SerializedRecord } from '../../log/record-log';
import { RejectionError } from '../../processing/command';
import type { ProcessingContext } from '../../processing/context';
import type { CommandProcessor } from '../../processing/stream-processor';
import type { ProcessInstanceValue } from '../../state/types';
import { joinRejection } from '../behaviors/joins';
import { contextOf } from '../element-context';
import { createLoopVariables, processorFor } from '../processors';
import { disarmEventsOf } from '../behaviors/activation';
import { cancelListenerJobOf, completeExecutionListener } from './execution-listener';

/**
 * The PROCESS_INSTANCE commands that drive every element: each writes the lifecycle event of
 * its step and hands over to the element's processor.
 */
const activateElement: CommandProcessor = (command, ctx) => {
  const value = command.value as ProcessInstanceValue;
  if (value.bpmnElementType !== 'PROCESS') {
    const scope = ctx.state.elementInstances.get(value.flowScopeKey);
    if (!scope || scope.state !== 'ELEMENT_ACTIVATED' || scope.pendingTrigger) {
      // The flow scope ended or is being interrupted: the token in transit is dropped.
      throw new RejectionError(
        'INVALID_STATE',
        `Expected to activate element '${value.elementId}' in an active flow scope, but the flow scope is not active`,
      );
    }
    const { element, process } = contextOf(ctx, command.key, value);
    const notYet = ctx.activatedWithoutFlow.has(command.key)
      ? undefined
      : joinRejection(ctx, value, element, process);
    if (notYet) throw new RejectionError('INVALID_STATE', notYet);
  }
  ctx.event('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', command.key, value, value.processInstanceKey);
  const ec = contextOf(ctx, command.key, value);
  const scope = ctx.state.elementInstances.get(value.flowScopeKey);
  if (
    scope?.value.bpmnElementType === 'MULTI_INSTANCE_BODY' &&
    value.bpmnElementType !== 'MULTI_INSTANCE_BODY'
  ) {
    createLoopVariables(contextOf(ctx, scope.key, scope.value), command.key);
  }
  processorFor(value.bpmnElementType, value.bpmnEventType).onActivate(ec);
};

const completeElement: CommandProcessor = (command, ctx) => {
  const instance = ctx.state.elementInstances.get(command.key);
  if (!instance || instance.state !== 'ELEMENT_ACTIVATED') {
    throw new RejectionError(
      'INVALID_STATE',
      `Expected to complete element instance '${command.key}', but it is not active`,
    );
  }
  ctx.event(
    'PROCESS_INSTANCE',
    'ELEMENT_COMPLETING',
    instance.key,
    instance.value,
    instance.value.processInstanceKey,
  );
  disarmEventsOf(ctx, instance.key);
  processorFor(instance.value.bpmnElementType, instance.value.bpmnEventType).onComplete(
    contextOf(ctx, instance.key, instance.value),
  );
};

const terminateElement: CommandProcessor = (command, ctx) => {
  const instance = ctx.state.elementInstances.get(command.key);
  if (!instance || instance.state === 'ELEMENT_TERMINATING') {
    throw new RejectionError(
      'INVALID_STATE',
      `Expected to terminate element instance '${command.key}', but it is not active`,
    );
  }
  ctx.event(
    'PROCESS_INSTANCE',
    'ELEMENT_TERMINATING',
    instance.key,
    instance.value,
    instance.value.processInstanceKey,
  );
  disarmEventsOf(ctx, instance.key);
  cancelListenerJobOf(ctx, instance.key);
  processorFor(instance.value.bpmnElementType, instance.value.bpmnEventType).onTerminate(
    contextOf(ctx, instance.key, instance.value),
  );
};

/** CancelProcessInstance: only a root instance can be canceled; it terminates everything below. */
const cancel: CommandProcessor = (command: SerializedRecord, ctx: ProcessingContext) => {
  const instance = ctx.state.elementInstances.get(command.key);
  if (
    !instance ||
    instance.value.bpmnElementType !== 'PROCESS' ||
    instance.state === 'ELEMENT_TERMINATING'
  ) {
    throw new RejectionError(
      'NOT_FOUND',
      `Expected to cancel a process instance with key '${command.key}', but no such process was found`,
    );
  }
  if (instance.value.parentProcessInstanceKey !== '-1') {
    throw new RejectionError(
      'INVALID_STATE',
      `Expected to cancel a process instance with key '${command.key}', but it is created by a parent process instance. Cancel the root process instance '${instance.value.parentProcessInstanceKey}' instead.`,
    );
  }
  ctx.event('PROCESS_INSTANCE', 'ELEMENT_TERMINATING', instance.key, instance.value, instance.key);
  disarmEventsOf(ctx, instance.key);
  cancelListenerJobOf(ctx, instance.key);
  processorFor('PROCESS', 'UNSPECIFIED').onTerminate(contextOf(ctx, instance.key, instance.value));
  ctx.respond(command.key, {});
};

export const processInstanceCommands: Record<string, CommandProcessor> = {
  'PROCESS_INSTANCE:COMPLETE_EXECUTION_LISTENER': completeExecutionListener,
  'PROCESS_INSTANCE:ACTIVATE_ELEMENT': activateElement,
  'PROCESS_INSTANCE:COMPLETE_ELEMENT': completeElement,
  'PROCESS_INSTANCE:TERMINATE_ELEMENT': terminateElement,
  'PROCESS_INSTANCE:CANCEL': cancel,
};
