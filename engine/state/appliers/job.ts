import type { EngineState } from '../engine-state';
import type { AdHocJobResult, Job } from '../types';
import type { Applier } from './applier';

export interface JobRecordValue extends Omit<Job, 'key' | 'state' | 'recurAt'> {
  /** FailJob's back-off in ms; 0 when none. */
  retryBackoff: number;
  /** When a back-off ends (epoch ms). */
  recurringTime: number;
  /** Variables sent with a completion or failure (JSON text, as Zeebe records them). */
  variables: string;
  errorCode: string;
  /** An ad-hoc sub-process job's result, recorded with its completion. */
  result?: AdHocJobResult;
}

/** Zeebe's marker element id on the ERROR_THROWN record of an error no catch event caught. */
export const NO_CATCH_EVENT_FOUND = 'NO_CATCH_EVENT_FOUND';

export interface JobBatchValue {
  type: string;
  worker: string;
  timeout: number;
  deadline: number;
  jobKeys: string[];
}

function withJob(fn: (state: EngineState, job: Job, value: JobRecordValue) => void): Applier {
  return (state, record) => {
    const job = state.jobs.get(record.key);
    if (job) fn(state, job, record.value as JobRecordValue);
  };
}

function makeActivatable(state: EngineState, job: Job): void {
  job.state = 'ACTIVATABLE';
  job.deadline = 0;
  job.worker = '';
  state.markActivatable(job);
}

function remove(state: EngineState, job: Job): void {
  state.unmarkActivatable(job);
  state.jobs.delete(job.key);
  const element = state.elementInstances.get(job.elementInstanceKey);
  if (element?.jobKey === job.key) delete element.jobKey;
}

const created: Applier = (state, record) => {
  const v = record.value as JobRecordValue;
  const job: Job = {
    key: record.key,
    type: v.type,
    state: 'ACTIVATABLE',
    retries: v.retries,
    deadline: 0,
    recurAt: 0,
    worker: '',
    errorMessage: '',
    customHeaders: v.customHeaders,
    elementInstanceKey: v.elementInstanceKey,
    processInstanceKey: v.processInstanceKey,
    bpmnProcessId: v.bpmnProcessId,
    processDefinitionKey: v.processDefinitionKey,
    processDefinitionVersion: v.processDefinitionVersion,
    elementId: v.elementId,
    tenantId: v.tenantId,
  };
  if (v.jobKind === 'EXECUTION_LISTENER' || v.jobKind === 'TASK_LISTENER') {
    job.jobKind = v.jobKind;
    job.listenerEventType = v.listenerEventType ?? 'UNSPECIFIED';
  }
  state.jobs.set(job.key, job);
  state.markActivatable(job);
  const element = state.elementInstances.get(job.elementInstanceKey);
  if (element) element.jobKey = job.key;
};

const batchActivated: Applier = (state, record) => {
  const v = record.value as JobBatchValue;
  for (const key of v.jobKeys) {
    const job = state.jobs.get(key);
    if (!job) continue;
    state.unmarkActivatable(job);
    job.state = 'ACTIVATED';
    job.deadline = v.deadline;
    job.worker = v.worker;
  }
};

const failed = withJob((state, job, v) => {
  job.retries = v.retries;
  job.errorMessage = v.errorMessage;
  job.deadline = 0;
  if (v.retries > 0 && v.retryBackoff > 0) {
    job.state = 'BACKOFF';
    job.recurAt = v.recurringTime;
  } else if (v.retries > 0) {
    makeActivatable(state, job);
  } else {
    job.state = 'FAILED';
  }
});

export const jobAppliers: Record<string, Applier> = {
  'JOB:CREATED': created,
  'JOB_BATCH:ACTIVATED': batchActivated,
  'JOB:COMPLETED': withJob((state, job, v) => {
    // A completed execution listener moves its element on to the next listener (as Zeebe's
    // JobCompletedApplier does); COMPLETE_EXECUTION_LISTENER then continues the element.
    const element = state.elementInstances.get(job.elementInstanceKey);
    if (element && job.jobKind === 'EXECUTION_LISTENER') {
      element.executionListenerIndex = (element.executionListenerIndex ?? 0) + 1;
    }
    // A completed task listener counts for its user task's current transition.
    // A worker that fulfilled an ad-hoc sub-process's completion condition ends it (once empty).
    if (
      element &&
      v.result?.type === 'adHocSubProcess' &&
      v.result.isCompletionConditionFulfilled
    ) {
      element.adHocCompletionFulfilled = true;
    }
    const task =
      job.jobKind === 'TASK_LISTENER' ? state.userTaskOf(job.elementInstanceKey) : undefined;
    if (task) task.listenerIndex = (task.listenerIndex ?? 0) + 1;
    remove(state, job);
  }),
  'JOB:CANCELED': withJob(remove),
  'JOB:FAILED': failed,
  'JOB:TIMED_OUT': withJob(makeActivatable),
  'JOB:YIELDED': withJob(makeActivatable),
  'JOB:RECURRED_AFTER_BACKOFF': withJob(makeActivatable),
  'JOB:ERROR_THROWN': withJob((state, job, v) => {
    // Caught: the job is done (its task is left through the catch event, the job not canceled).
    if (v.elementId !== NO_CATCH_EVENT_FOUND) return remove(state, job);
    state.unmarkActivatable(job);
    job.state = 'ERROR_THROWN';
    job.errorMessage = v.errorMessage;
  }),
  'JOB:RETRIES_UPDATED': withJob((_state, job, v) => {
    job.retries = v.retries;
  }),
  'JOB:TIMEOUT_UPDATED': withJob((_state, job, v) => {
    job.deadline = v.deadline;
  }),
};
