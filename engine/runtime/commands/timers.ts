import { startAt } from '../behaviors/process-start';
import { RejectionError } from '../../processing/command';
import type { ProcessingContext } from '../../processing/context';
import type { CommandProcessor } from '../../processing/stream-processor';
import type { Timer } from '../../state/types';
import { triggerWaitingElement } from '../behaviors/event-triggers';
import { scheduleTimer } from '../behaviors/timer-schedule';
import { createTimer, timerValue } from '../behaviors/timers';

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
  const process = instance && ctx.state.processes.get(instance.value.processDefinitionKey);
  const target = process?.executable.elements[timer.targetElementId];
  const waiting = {
    elementInstanceKey: timer.elementInstanceKey,
    elementId: timer.targetElementId,
    interrupting: target?.interrupting !== false,
  };
  const outcome = triggerWaitingElement(ctx, waiting, {}, { carriesVariables: false });
  // A non-interrupting timer (boundary event, event sub-process start) may fire again.
  if (outcome === 'alongside') {
    repeat(ctx, timer, ctx.state.visibleVariables(timer.elementInstanceKey));
  }
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
