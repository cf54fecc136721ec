import type { ExecutableProcess, FlowElement } from '../../bpmn/model';
import type { ProcessingContext } from '../../processing/context';
import type { TimerRecordValue } from '../../state/appliers';
import type { DeployedProcess, Timer } from '../../state/types';
import type { ElementContext } from '../element-context';
import { scheduleTimer, type TimerSchedule } from './timer-schedule';
import type { Outcome } from './variables';
import { boundaryEventsToArm, eventSubProcessStarts } from './boundary-events';

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

const SCOPES = new Set(['PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS']);

/**
 * The first timer an element would arm on activation (its boundary timers, the timer starts of
 * its event sub-processes) whose expression gives no timer, as the incident message. Zeebe
 * evaluates these before the element is activated: it stays ACTIVATING with the incident, and
 * resolving the incident runs the activation again.
 */
export function unusableTimerOf(ec: ElementContext): string | undefined {
  const armsEventSubProcesses = SCOPES.has(ec.value.bpmnElementType); // not a multi-instance body
  const timers = [
    ...boundaryEventsToArm(ec, 'TIMER'),
    ...(armsEventSubProcesses ? eventSubProcessStarts(ec) : []),
  ];
  const variables = ec.ctx.state.visibleVariables(ec.key);
  for (const target of timers) {
    if (!target.timer) continue;
    const scheduled = scheduleTimer(target.timer, variables, ec.ctx.now);
    if (!scheduled.ok) return scheduled.message;
  }
  return undefined;
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

/** The process's own timer start events (an event sub-process's start is not a process start). */
function processTimerStartEvents(process: ExecutableProcess): FlowElement[] {
  return Object.values(process.elements).filter(
    (element) =>
      element.elementType === 'START_EVENT' &&
      element.eventType === 'TIMER' &&
      element.timer !== undefined &&
      element.flowScopeId === process.bpmnProcessId,
  );
}

/**
 * Zeebe evaluates a timer start event's expression at deployment, without variables (Camunda
 * docs, "Timer events" → Timers), and rejects the deployment when it gives no usable timer.
 * Returns the rejection reasons, worded as Zeebe's validator words them.
 */
export function timerStartEventProblems(process: ExecutableProcess, now: number): string[] {
  const problems: string[] = [];
  for (const element of processTimerStartEvents(process)) {
    const scheduled = scheduleTimer(element.timer!, {}, now);
    if (scheduled.ok) continue;
    problems.push(
      `Element '${element.id}': Expected a valid timer expression for start event, but encountered the following error: ${scheduled.message}`,
    );
  }
  return problems;
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
  for (const element of processTimerStartEvents(deployed.executable)) {
    const scheduled = scheduleTimer(element.timer!, {}, ctx.now);
    if (!scheduled.ok) continue; // checked before the deployment was accepted
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
