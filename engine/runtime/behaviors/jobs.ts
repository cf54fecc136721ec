import { evaluateExpression } from '../../feel';
import type { JobRecordValue } from '../../state/appliers';
import type { ElementContext } from '../element-context';
import { evaluateHeaders } from './job-headers';
import { createJob, newJobValue, type JobOwner } from './job-record';

/**
 * Creates the job of a job-worker task (`zeebe:taskDefinition`): type and retries may be FEEL,
 * evaluated in the task's scope, as are dynamic headers. A failed evaluation is the caller's incident to raise.
 */
export function prepareJob(
  ec: ElementContext,
): { ok: true; value: JobRecordValue } | { ok: false; message: string } {
  const definition = ec.element.job;
  if (!definition)
    return { ok: false, message: `element '${ec.element.id}' has no job definition` };
  const variables = ec.ctx.state.visibleVariables(ec.key);
  const type = evaluateExpression(definition.type, variables, 'string');
  if (!type.ok) return type;
  const retries = evaluateExpression(definition.retries, variables, 'number');
  if (!retries.ok) return retries;
  const headers = evaluateHeaders(definition, variables);
  if (!headers.ok) return headers;
  const value = newJobValue(ownerOf(ec), {
    type: type.value as string,
    retries: Math.trunc(retries.value as number),
    customHeaders: headers.value,
  });
  return { ok: true, value };
}

export function writeJob(ec: ElementContext, value: JobRecordValue): void {
  createJob(ec.ctx, value);
}

/** The element instance being processed, as the owner of its jobs. */
export function ownerOf(ec: ElementContext): JobOwner {
  return {
    elementInstanceKey: ec.key,
    processInstanceKey: ec.value.processInstanceKey,
    bpmnProcessId: ec.value.bpmnProcessId,
    processDefinitionKey: ec.value.processDefinitionKey,
    processDefinitionVersion: ec.value.version,
    elementId: ec.value.elementId,
    tenantId: ec.value.tenantId,
  };
}

/** A terminated task's job is canceled: a worker completing it later gets NOT_FOUND. */
export function cancelJobOf(ec: ElementContext): void {
  const jobKey = ec.ctx.state.elementInstances.get(ec.key)?.jobKey;
  const job = jobKey ? ec.ctx.state.jobs.get(jobKey) : undefined;
  if (!job) return;
  ec.ctx.event('JOB', 'CANCELED', job.key, jobValue(job), ec.value.processInstanceKey);
}

export function jobValue(
  job: import('../../state/types').Job,
  extra: Partial<JobRecordValue> = {},
): JobRecordValue {
  return {
    type: job.type,
    retries: job.retries,
    deadline: job.deadline,
    worker: job.worker,
    errorMessage: job.errorMessage,
    errorCode: '',
    customHeaders: job.customHeaders,
    elementInstanceKey: job.elementInstanceKey,
    processInstanceKey: job.processInstanceKey,
    bpmnProcessId: job.bpmnProcessId,
    processDefinitionKey: job.processDefinitionKey,
    processDefinitionVersion: job.processDefinitionVersion,
    elementId: job.elementId,
    tenantId: job.tenantId,
    retryBackoff: 0,
    recurringTime: -1,
    variables: '{}',
    ...(job.jobKind
      ? { jobKind: job.jobKind, listenerEventType: job.listenerEventType ?? 'UNSPECIFIED' }
      : {}),
    ...extra,
  };
}
