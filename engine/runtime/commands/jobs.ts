import type { SerializedRecord } from '../../log/record-log';
import { RejectionError } from '../../processing/command';
import type { ProcessingContext } from '../../processing/context';
import type { CommandProcessor } from '../../processing/stream-processor';
import type { Job } from '../../state/types';
import { NO_CATCH_EVENT_FOUND } from '../../state/appliers';
import { findErrorCatch, unhandledErrorMessage } from '../behaviors/errors';
import { triggerCatchEvent } from '../behaviors/event-triggers';
import { raiseIncident } from '../behaviors/incidents';
import { jobValue } from '../behaviors/jobs';
import { acceptResultVariables, setLocalVariables } from '../behaviors/variables';
import { contextOf } from '../element-context';
import { activateJobBatch } from './job-activation';
import { acceptListenerVariables } from './execution-listener';
import {
  checkTaskListenerCompletion,
  completeTaskListener,
  type TaskListenerResult,
} from './task-listener';
import { adHocJobResultOf, completeAdHocJob, isAdHocJob } from './ad-hoc-job';

function requireJob(ctx: ProcessingContext, command: SerializedRecord, verb: string): Job {
  const job = ctx.state.jobs.get(command.key);
  if (!job) {
    throw new RejectionError(
      'NOT_FOUND',
      `Expected to ${verb} job with key '${command.key}', but no such job was found`,
    );
  }
  return job;
}

/** Zeebe accepts worker commands for ACTIVATABLE and ACTIVATED jobs only. */
function requireActive(job: Job, verb: string): void {
  if (job.state === 'ACTIVATABLE' || job.state === 'ACTIVATED') return;
  // Zeebe has no state of its own for a back-off: such a job is FAILED too.
  const state = job.state === 'BACKOFF' ? 'FAILED' : job.state;
  throw new RejectionError(
    'INVALID_STATE',
    `Expected to ${verb} job with key '${job.key}', but it is in state '${state}'`,
  );
}

/** CompleteJob: the job's variables enter the task, which then completes. */
const complete: CommandProcessor = (command, ctx) => {
  const job = requireJob(ctx, command, 'complete');
  requireActive(job, 'complete');
  const v = command.value as {
    variables?: Record<string, unknown>;
    result?: TaskListenerResult & Record<string, unknown>;
  };
  const variables = v.variables ?? {};
  // As Zeebe 8.8: a task listener completes with a result (denial, corrections), not variables.
  if (job.jobKind === 'TASK_LISTENER')
    checkTaskListenerCompletion(ctx, job, variables, v.result ?? {});
  const instance = ctx.state.elementInstances.get(job.elementInstanceKey);
  // An ad-hoc sub-process's worker answers with elements to activate (checked before writing).
  const adHoc =
    instance && isAdHocJob(job, instance)
      ? adHocJobResultOf(ctx, job, instance, v.result)
      : undefined;
  ctx.event(
    'JOB',
    'COMPLETED',
    job.key,
    jobValue(job, { variables: JSON.stringify(variables), ...(adHoc ? { result: adHoc } : {}) }),
    job.processInstanceKey,
  );
  if (instance && adHoc) {
    if (instance.state === 'ELEMENT_ACTIVATED') completeAdHocJob(ctx, instance, variables, adHoc);
  } else if (job.jobKind === 'TASK_LISTENER') {
    completeTaskListener(ctx, job, v.result ?? {});
  } else if (instance && job.jobKind === 'EXECUTION_LISTENER') {
    acceptListenerVariables(ctx, job, instance, variables);
  } else if (instance && instance.state === 'ELEMENT_ACTIVATED') {
    const ec = contextOf(ctx, instance.key, instance.value);
    acceptResultVariables(ec, variables);
    ctx.command(
      'PROCESS_INSTANCE',
      'COMPLETE_ELEMENT',
      instance.key,
      instance.value,
      instance.value.processInstanceKey,
    );
  }
  ctx.respond(job.key, {});
};

const NO_RETRIES = {
  BPMN_ELEMENT: 'JOB_NO_RETRIES',
  EXECUTION_LISTENER: 'EXECUTION_LISTENER_NO_RETRIES',
  TASK_LISTENER: 'TASK_LISTENER_NO_RETRIES',
} as const;

/** FailJob: fewer retries; none left raises an incident; a back-off delays the next attempt. */
const fail: CommandProcessor = (command, ctx) => {
  const job = requireJob(ctx, command, 'fail');
  requireActive(job, 'fail');
  const v = command.value as {
    retries: number;
    errorMessage: string;
    retryBackOff: number;
    variables: Record<string, unknown>;
  };
  const retries = Math.max(0, Math.trunc(v.retries));
  const backoff = Math.max(0, Math.trunc(v.retryBackOff ?? 0));
  ctx.event(
    'JOB',
    'FAILED',
    job.key,
    jobValue(job, {
      retries,
      errorMessage: v.errorMessage ?? '',
      retryBackoff: retries > 0 ? backoff : 0,
      recurringTime: retries > 0 && backoff > 0 ? ctx.now + backoff : -1,
      variables: JSON.stringify(v.variables ?? {}),
    }),
    job.processInstanceKey,
  );
  const instance = ctx.state.elementInstances.get(job.elementInstanceKey);
  if (instance && v.variables) {
    // FailJob variables are set as local variables of the task (Camunda docs, "Job workers").
    setLocalVariables(ctx, instance.key, v.variables, instance.value);
  }
  if (retries === 0 && instance) {
    const message = v.errorMessage || 'No more retries left.';
    const errorType = NO_RETRIES[job.jobKind ?? 'BPMN_ELEMENT'];
    raiseIncident(contextOf(ctx, instance.key, instance.value), errorType, message, job.key);
  }
  ctx.respond(job.key, {});
};

/**
 * ThrowError: a BPMN error from the worker (JOB ERROR_THROWN), caught by the nearest matching
 * catch event. A caught error ends the job; an uncaught one leaves it ERROR_THROWN under an
 * UNHANDLED_ERROR_EVENT incident. As in Zeebe, the record of an uncaught error carries the
 * element id NO_CATCH_EVENT_FOUND, which is how its applier tells the two apart.
 */
const throwError: CommandProcessor = (command, ctx) => {
  const job = requireJob(ctx, command, 'throw an error for');
  requireActive(job, 'throw an error for');
  const v = command.value as {
    errorCode: string;
    errorMessage: string;
    variables: Record<string, unknown>;
  };
  const instance = ctx.state.elementInstances.get(job.elementInstanceKey);
  const found = instance ? findErrorCatch(ctx, instance.key, v.errorCode) : undefined;
  ctx.event(
    'JOB',
    'ERROR_THROWN',
    job.key,
    jobValue(job, {
      elementId: found ? job.elementId : NO_CATCH_EVENT_FOUND,
      errorCode: v.errorCode,
      errorMessage: v.errorMessage ?? '',
      variables: JSON.stringify(v.variables ?? {}),
    }),
    job.processInstanceKey,
  );
  if (instance) {
    if (found) {
      triggerCatchEvent(ctx, found, v.variables ?? {});
    } else {
      raiseIncident(
        contextOf(ctx, instance.key, instance.value),
        'UNHANDLED_ERROR_EVENT',
        unhandledErrorMessage(ctx, instance.key, v.errorCode, v.errorMessage ?? ''),
        job.key,
      );
    }
  }
  ctx.respond(job.key, {});
};

const updateRetries: CommandProcessor = (command, ctx) => {
  const job = requireJob(ctx, command, 'update retries of');
  const retries = Math.trunc((command.value as { retries: number }).retries);
  if (retries < 1) {
    throw new RejectionError(
      'INVALID_ARGUMENT',
      `Expected to update retries of job with key '${job.key}' with a positive amount of retries, but got ${retries}`,
    );
  }
  ctx.event('JOB', 'RETRIES_UPDATED', job.key, jobValue(job, { retries }), job.processInstanceKey);
  ctx.respond(job.key, {});
};

const updateTimeout: CommandProcessor = (command, ctx) => {
  const job = requireJob(ctx, command, 'update timeout of');
  if (job.state !== 'ACTIVATED') {
    throw new RejectionError(
      'INVALID_STATE',
      `Expected to update the timeout of job with key '${job.key}', but it is not active`,
    );
  }
  const timeout = Math.trunc((command.value as { timeout: number }).timeout);
  ctx.event(
    'JOB',
    'TIMEOUT_UPDATED',
    job.key,
    jobValue(job, { deadline: ctx.now + timeout }),
    job.processInstanceKey,
  );
  ctx.respond(job.key, {});
};

/** Scheduler commands: deadlines passed, back-offs over, a pushed job its stream refused. */
const timeOut: CommandProcessor = (command, ctx) => {
  const job = ctx.state.jobs.get(command.key);
  if (!job || job.state !== 'ACTIVATED' || job.deadline >= ctx.now) return;
  ctx.event('JOB', 'TIMED_OUT', job.key, jobValue(job), job.processInstanceKey);
};

const recur: CommandProcessor = (command, ctx) => {
  const job = ctx.state.jobs.get(command.key);
  if (!job || job.state !== 'BACKOFF' || job.recurAt > ctx.now) return;
  ctx.event('JOB', 'RECURRED_AFTER_BACKOFF', job.key, jobValue(job), job.processInstanceKey);
};

const yieldJob: CommandProcessor = (command, ctx) => {
  const job = ctx.state.jobs.get(command.key);
  if (!job || job.state !== 'ACTIVATED') return;
  ctx.event('JOB', 'YIELDED', job.key, jobValue(job), job.processInstanceKey);
};

export const jobCommands: Record<string, CommandProcessor> = {
  'JOB_BATCH:ACTIVATE': activateJobBatch,
  'JOB:COMPLETE': complete,
  'JOB:FAIL': fail,
  'JOB:THROW_ERROR': throwError,
  'JOB:UPDATE_RETRIES': updateRetries,
  'JOB:UPDATE_TIMEOUT': updateTimeout,
  'JOB:TIME_OUT': timeOut,
  'JOB:RECUR_AFTER_BACKOFF': recur,
  'JOB:YIELD': yieldJob,
};
