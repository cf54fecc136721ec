import { RejectionError } from '../../processing/command';
import type { ProcessingContext } from '../../processing/context';
import type { AdHocJobResult, ElementInstance, Job } from '../../state/types';
import {
  activateAdHocElement,
  completeAdHocSubProcess,
  unknownAdHocElements,
} from '../behaviors/ad-hoc-sub-processes';
import { terminateChildren } from '../behaviors/lifecycle';
import { acceptResultVariables } from '../behaviors/variables';
import { contextOf } from '../element-context';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The job of an ad-hoc sub-process's worker (not one of its execution listeners). */
export function isAdHocJob(job: Job, instance: ElementInstance | undefined): boolean {
  return (
    instance?.value.bpmnElementType === 'AD_HOC_SUB_PROCESS' &&
    (job.jobKind ?? 'BPMN_ELEMENT') === 'BPMN_ELEMENT'
  );
}

/**
 * The worker's `result` (Camunda 8.8, "Job worker implementation"), checked before anything is
 * written: elements of the ad-hoc sub-process to activate, or the completion condition
 * fulfilled — not both. No result activates nothing.
 */
export function adHocJobResultOf(
  ctx: ProcessingContext,
  job: Job,
  instance: ElementInstance,
  raw: unknown,
): AdHocJobResult {
  const refuse = (reason: string) =>
    new RejectionError(
      'INVALID_ARGUMENT',
      `Expected to complete job with key '${job.key}', but ${reason}`,
    );
  const result = isObject(raw) ? raw : {};
  if (result.type !== undefined && result.type !== 'adHocSubProcess') {
    throw refuse(`the result of an ad-hoc sub-process job must be of type 'adHocSubProcess'`);
  }
  const elements = result.activateElements ?? [];
  if (!Array.isArray(elements)) throw refuse('activateElements must be a list');
  const activateElements = elements.map((element: unknown) => {
    if (!isObject(element) || typeof element.elementId !== 'string') {
      throw refuse('every element to activate needs an elementId');
    }
    const variables = element.variables ?? {};
    if (!isObject(variables)) throw refuse('the variables of an element must be an object');
    return { elementId: element.elementId, variables };
  });
  const fulfilled = result.isCompletionConditionFulfilled === true;
  if (fulfilled && activateElements.length > 0) {
    throw refuse('the completion condition cannot be fulfilled while elements are activated');
  }
  const ec = contextOf(ctx, instance.key, instance.value);
  const unknown = unknownAdHocElements(
    ec,
    activateElements.map((element) => element.elementId),
  );
  if (unknown.length > 0) {
    throw new RejectionError(
      'NOT_FOUND',
      `Expected to activate activities for ad-hoc sub-process with key '${instance.key}', but the given elements [${unknown.join(', ')}] do not exist.`,
    );
  }
  return {
    type: 'adHocSubProcess',
    activateElements,
    isCompletionConditionFulfilled: fulfilled,
    isCancelRemainingInstances: result.isCancelRemainingInstances === true,
  };
}

/**
 * After JOB COMPLETED: the job's variables enter the sub-process, the chosen elements are
 * activated (each in its inner instance, with its variables), and a fulfilled condition ends
 * the sub-process — at once, after terminating what still runs, or once that has completed.
 */
export function completeAdHocJob(
  ctx: ProcessingContext,
  instance: ElementInstance,
  variables: Record<string, unknown>,
  result: AdHocJobResult,
): void {
  const ec = contextOf(ctx, instance.key, instance.value);
  acceptResultVariables(ec, variables);
  for (const element of result.activateElements) {
    activateAdHocElement(ec, element.elementId, element.variables);
  }
  if (!result.isCompletionConditionFulfilled) return;
  if (result.isCancelRemainingInstances && terminateChildren(ec) > 0) return;
  if (ctx.state.childKeys(ec.key).length === 0) completeAdHocSubProcess(ec);
}
