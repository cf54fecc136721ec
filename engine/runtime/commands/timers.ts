import { startAt } from '../behaviors/process-start';
import { RejectionError } from '../../processing/command';
import type { ProcessingContext } from '../../processing/context';
import type { CommandProcessor } from '../../processing/stream-processor';
import type { Timer } from '../../state/types';
import { triggerErrorCatch } from '../behaviors/errors';
import { triggerEventGateway } from '../behaviors/event-gateway';
import { triggerEventSubProcess } from '../behaviors/event-sub-processes';
import { activateChild } from '../behaviors/lifecycle';
import { scheduleTimer } from '../behaviors/timer-schedule';
import { createTimer, timerValue } from '../behaviors/timers';
import { deployedProcessOf } from '../element-context';

/**
 * TIMER TRIGGER (from the due-date scheduler): a catch event completes; an interrupting
 * boundary timer interrupts its activity; a non-interrupting one starts its path alongside,
 * and a cycle schedules its next firing; a timer start event starts an instance.
 */
const trigger: CommandProcessor = (command, ctx) => {
  const timer = ctx.state.timers.get(command.key);
  if (!timer || timer.dueDate > ctx.now) {
    throw new RejectionError(
      'NOT_FOUND',
      `Expected to trigger timer with key '${command.key}', but no such timer was found`,
    );
  }
  ctx.event('TIMER', 'TRIGGERED', timer.key, timerValue(timer), timer.processInstanceKey);
  if (timer.elementInstanceKey === '-1') return startInstance(ctx, timer);
  const instance = ctx.state.elementInstances.get(timer.elementInstanceKey);
  if (!instance || instance.state !== 'ELEMENT_ACTIVATED') return;
  const process = deployedProcessOf(ctx, instance.value).executable;
  const target = process.elements[timer.targetElementId]!;
  if (instance.value.bpmnElementType === 'EVENT_BASED_GATEWAY') {
    triggerEventGateway(ctx, instance, target.id, {});
    return;
  }
  if (target.id === instance.value.elementId) {
    ctx.command(
      'PROCESS_INSTANCE',
      'COMPLETE_ELEMENT',
      instance.key,
      instance.value,
      instance.value.processInstanceKey,
    );
    return;
  }
  if (target.elementType === 'START_EVENT') {
    triggerEventSubProcess(ctx, instance, target, {});
    if (target.interrupting === false) repeat(ctx, timer, ctx.state.visibleVariables(instance.key));
    return;
  }
  if (target.interrupting !== false) {
    triggerErrorCatch(ctx, { scope: instance, catchEvent: target }, {});
    return;
  }
  const scope = ctx.state.elementInstances.get(instance.value.flowScopeKey);
  if (scope) activateChild(ctx, scope, target);
  repeat(ctx, timer, ctx.state.visibleVariables(instance.key));
};

/** A cycle with firings left schedules the next one, from now. */
function repeat(ctx: ProcessingContext, timer: Timer, variables: Record<string, unknown>): void {
  if (timer.repetitions === 1 || timer.repetitions === 0) return;
  const process = ctx.state.processes.get(timer.processDefinitionKey)?.executable;
  const target = process?.elements[timer.targetElementId];
  if (!target?.timer || target.timer.kind !== 'cycle') return;
  const left = timer.repetitions < 0 ? -1 : timer.repetitions - 1;
  const next = scheduleTimer(target.timer, variables, ctx.now, left);
  if (!next.ok) return;
  createTimer(ctx, timer, target, next.schedule);
}

/** Timer start event: a new instance of that version, entered at the timer start event. */
function startInstance(ctx: ProcessingContext, timer: Timer): void {
  const deployed = ctx.state.processes.get(timer.processDefinitionKey);
  if (!deployed) return;
  const startEvent = deployed.executable.elements[timer.targetElementId];
  if (!startEvent) return;
  startAt(ctx, ctx.nextKey(), deployed, startEvent, {}, timer.tenantId);
  repeat(ctx, timer, {});
}

export const timerCommands: Record<string, CommandProcessor> = {
  'TIMER:TRIGGER': trigger,
};
