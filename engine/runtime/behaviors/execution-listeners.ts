import { evaluateExpression } from '../../feel';
import type { ElementContext } from '../element-context';
import { raiseIncident } from './incidents';
import { createJob, newJobValue } from './job-record';
import { ownerOf } from './jobs';

/*
 * Execution listeners (Camunda 8.8, "Execution listeners"): each is a job of kind
 * EXECUTION_LISTENER. Start listeners run one after the other once the element's input mappings
 * are applied and before its own work; end listeners once its output mappings are applied and
 * before ELEMENT_COMPLETED. The element instance counts the completed listeners of the current
 * phase (`executionListenerIndex`, moved by the JOB COMPLETED applier); the job's completion
 * writes PROCESS_INSTANCE COMPLETE_EXECUTION_LISTENER, which runs the step again from where the
 * count stands.
 */

type Phase = 'start' | 'end';

/** True while start listeners are pending: the next one's job has been created (or is open). */
export function awaitsStartListeners(ec: ElementContext): boolean {
  return awaitsListeners(ec, 'start');
}

/** True while end listeners are pending: the element does not complete yet. */
export function awaitsEndListeners(ec: ElementContext): boolean {
  return awaitsListeners(ec, 'end');
}

/** The step is being run again after its listeners: its mappings were applied already. */
export function listenersRanInStep(ec: ElementContext): boolean {
  return (ec.ctx.state.elementInstances.get(ec.key)?.executionListenerIndex ?? 0) > 0;
}

function awaitsListeners(ec: ElementContext, phase: Phase): boolean {
  // A multi-instance activity's listeners run for each inner instance, not for the body.
  if (ec.value.bpmnElementType === 'MULTI_INSTANCE_BODY') return false;
  const listeners = (ec.element.executionListeners ?? []).filter((l) => l.eventType === phase);
  const instance = ec.ctx.state.elementInstances.get(ec.key);
  const done = instance?.executionListenerIndex ?? 0;
  if (!instance || done >= listeners.length) return false;
  const open = instance.jobKey ? ec.ctx.state.jobs.get(instance.jobKey) : undefined;
  if (open?.jobKind === 'EXECUTION_LISTENER') return true;
  const listener = listeners[done]!;
  const variables = ec.ctx.state.visibleVariables(ec.key);
  const type = evaluateExpression(listener.type, variables, 'string');
  if (!type.ok) {
    raiseIncident(ec, 'EXTRACT_VALUE_ERROR', type.message);
    return true;
  }
  const retries = evaluateExpression(listener.retries, variables, 'number');
  if (!retries.ok) {
    raiseIncident(ec, 'EXTRACT_VALUE_ERROR', retries.message);
    return true;
  }
  createJob(
    ec.ctx,
    newJobValue(ownerOf(ec), {
      type: type.value as string,
      retries: Math.trunc(retries.value as number),
      customHeaders: ec.element.job?.headers ?? {},
      jobKind: 'EXECUTION_LISTENER',
      listenerEventType: phase === 'start' ? 'START' : 'END',
    }),
  );
  return true;
}
