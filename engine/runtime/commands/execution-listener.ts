import { RejectionError } from '../../processing/command';
import type { ProcessingContext } from '../../processing/context';
import type { CommandProcessor } from '../../processing/stream-processor';
import type { ElementInstance, Job } from '../../state/types';
import { jobValue } from '../behaviors/jobs';
import { mergeVariables, setLocalVariables } from '../behaviors/variables';
import { contextOf } from '../element-context';
import { processorFor } from '../processors';

/**
 * A completed execution listener job: its variables are local to the element for a start
 * listener, and propagated from the element outward for an end listener (Camunda 8.8,
 * "Execution listeners"); then PROCESS_INSTANCE COMPLETE_EXECUTION_LISTENER continues the element.
 */
export function acceptListenerVariables(
  ctx: ProcessingContext,
  job: Job,
  instance: ElementInstance,
  variables: Record<string, unknown>,
): void {
  if (job.listenerEventType === 'END') mergeVariables(ctx, instance.key, variables, instance.value);
  else setLocalVariables(ctx, instance.key, variables, instance.value);
  ctx.command(
    'PROCESS_INSTANCE',
    'COMPLETE_EXECUTION_LISTENER',
    instance.key,
    instance.value,
    instance.value.processInstanceKey,
  );
}

/**
 * Runs the element's current step again: the next listener's job is created, or, with all of
 * the step's listeners done, the element goes on (its mappings are not applied twice).
 */
export const completeExecutionListener: CommandProcessor = (command, ctx) => {
  const instance = ctx.state.elementInstances.get(command.key);
  const state = instance?.state;
  if (!instance || (state !== 'ELEMENT_ACTIVATING' && state !== 'ELEMENT_COMPLETING')) {
    throw new RejectionError(
      'INVALID_STATE',
      `Expected to complete an execution listener of element instance '${command.key}', but it is not activating or completing`,
    );
  }
  const processor = processorFor(instance.value.bpmnElementType, instance.value.bpmnEventType);
  const ec = contextOf(ctx, instance.key, instance.value);
  if (state === 'ELEMENT_ACTIVATING') processor.onActivate(ec);
  else processor.onComplete(ec);
};

/** An element terminated while one of its (or its user task's) listeners runs: the listener's job is canceled. */
export function cancelListenerJobOf(ctx: ProcessingContext, elementInstanceKey: string): void {
  const jobKey = ctx.state.elementInstances.get(elementInstanceKey)?.jobKey;
  const job = jobKey ? ctx.state.jobs.get(jobKey) : undefined;
  if (job?.jobKind !== 'EXECUTION_LISTENER' && job?.jobKind !== 'TASK_LISTENER') return;
  ctx.event('JOB', 'CANCELED', job.key, jobValue(job), job.processInstanceKey);
}
