import type { FlowElement } from '../../bpmn/model';
import type { ProcessingContext } from '../../processing/context';
import type { TimerRecordValue } from '../../state/appliers';
import type { DeployedProcess, Timer } from '../../state/types';
import type { ElementContext } from '../element-context';
import { scheduleTimer, type TimerSchedule } from './timer-schedule';
import type { Outcome } from './variables';
import { boundaryEventsToArm } from './boundary-events';

export function timerValue(timer: Timer): TimerRecordValue {
  const { key: _key, ...value } = timer;
  return value;
}

/** TIMER CREATED for a catch event, boundary event or timer start event. */
export function createTimer(
  ctx: ProcessingContext,
  owner: {
    elementInstanceKey: string;
    processInstanceKey: string;
    processDefinitionKey: string;
    tenantId: string;
  },
  target: FlowElement,
  schedule: TimerSchedule,
): void {
  const value: TimerRecordValue = { ...owner, targetElementId: target.id, ...schedule };
  ctx.event('TIMER', 'CREATED', ctx.nextKey(), value, owner.processInstanceKey);
}

/** The timer of a catch event, scheduled in its scope. */
export function createTimerFor(
  ec: ElementContext,
  target: FlowElement,
  waitingKey: string,
): Outcome {
  const scheduled = scheduleTimer(
    target.timer!,
    ec.ctx.state.visibleVariables(waitingKey),
    ec.ctx.now,
  );
  if (!scheduled.ok) return scheduled;
  createTimer(
    ec.ctx,
    {
      elementInstanceKey: waitingKey,
      processInstanceKey: ec.value.processInstanceKey,
      processDefinitionKey: ec.value.processDefinitionKey,
      tenantId: ec.value.tenantId,
    },
    target,
    scheduled.schedule,
  );
  return { ok: true };
}

/** An activity subscribes to its boundary timers when it is activated (inner instances do not). */
export function openBoundaryTimers(ec: ElementContext): Outcome {
  for (const boundary of boundaryEventsToArm(ec, 'TIMER')) {
    if (!boundary.timer) continue;
    const created = createTimerFor(ec, boundary, ec.key);
    if (!created.ok) return created;
  }
  return { ok: true };
}

/** Leaving an element closes its timers (catch event, boundary events). */
export function cancelTimersOf(ctx: ProcessingContext, elementInstanceKey: string): void {
  for (const timer of ctx.state.timersOf(elementInstanceKey)) {
    ctx.event('TIMER', 'CANCELED', timer.key, timerValue(timer), timer.processInstanceKey);
  }
}

/**
 * Timer start events of a newly deployed version start instances on their schedule; the
 * previous version's timer start events stop (Camunda docs, "Timer events").
 */
export function openTimerStartEvents(
  ctx: ProcessingContext,
  deployed: DeployedProcess,
  previous?: DeployedProcess,
): void {
  if (previous) {
    for (const timer of ctx.state.timersOf(`definition:${previous.key}`)) {
      ctx.event('TIMER', 'CANCELED', timer.key, timerValue(timer));
    }
  }
  const process = deployed.executable;
  for (const element of Object.values(process.elements)) {
    if (element.elementType !== 'START_EVENT' || element.eventType !== 'TIMER' || !element.timer)
      continue;
    if (element.flowScopeId !== process.bpmnProcessId) continue; // event sub-process starts are not process starts
    const scheduled = scheduleTimer(element.timer, {}, ctx.now);
    if (!scheduled.ok) continue; // validated at deployment
    createTimer(
      ctx,
      {
        elementInstanceKey: '-1',
        processInstanceKey: '-1',
        processDefinitionKey: deployed.key,
        tenantId: '<default>',
      },
      element,
      scheduled.schedule,
    );
  }
}
