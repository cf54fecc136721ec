import type { ProcessingContext } from '../../processing/context';
import type { JobRecordValue } from '../../state/appliers';
import { pushToStream } from './job-push';

/** The element instance a job works for, as its record names it. */
export type JobOwner = Pick<
  JobRecordValue,
  | 'elementInstanceKey'
  | 'processInstanceKey'
  | 'bpmnProcessId'
  | 'processDefinitionKey'
  | 'processDefinitionVersion'
  | 'elementId'
  | 'tenantId'
>;

/** What makes one kind of job differ from another: its type, retries, headers and kind. */
export type JobSpec = Pick<JobRecordValue, 'type' | 'retries' | 'customHeaders'> &
  Partial<Pick<JobRecordValue, 'jobKind' | 'listenerEventType'>>;

/** A new job's record value: not activated yet, no error, no back-off, no variables. */
export function newJobValue(owner: JobOwner, spec: JobSpec): JobRecordValue {
  // Fields in the order Zeebe's JobRecord lists them, as every job record so far has them.
  const { type, retries, customHeaders, jobKind, listenerEventType } = spec;
  return {
    type,
    retries,
    deadline: 0,
    worker: '',
    errorMessage: '',
    errorCode: '',
    customHeaders,
    elementInstanceKey: owner.elementInstanceKey,
    processInstanceKey: owner.processInstanceKey,
    bpmnProcessId: owner.bpmnProcessId,
    processDefinitionKey: owner.processDefinitionKey,
    processDefinitionVersion: owner.processDefinitionVersion,
    elementId: owner.elementId,
    tenantId: owner.tenantId,
    retryBackoff: 0,
    recurringTime: -1,
    variables: '{}',
    ...(jobKind ? { jobKind } : {}),
    ...(listenerEventType ? { listenerEventType } : {}),
  };
}

/** JOB CREATED, then handed at once to an open job stream of its type, if there is one. */
export function createJob(ctx: ProcessingContext, value: JobRecordValue): string {
  const key = ctx.nextKey();
  ctx.event('JOB', 'CREATED', key, value, value.processInstanceKey);
  pushToStream(ctx, key);
  return key;
}
