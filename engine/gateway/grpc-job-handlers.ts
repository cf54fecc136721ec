import { Metadata, type ServerWritableStream } from '@grpc/grpc-js';
import type { ActivatedJob } from '../runtime/commands';
import type { EngineService } from '../service/engine-service';
import { invalidArgument, toGrpcError, type GrpcError } from './grpc-status';
import { isError, key, unary, variablesOf, type Handler, type ServerStream } from './grpc-unary';

/* eslint-disable @typescript-eslint/no-explicit-any -- request and response shapes come from zeebe.proto at run time */

/** Zeebe's gateway default for ActivateJobs with requestTimeout 0 (long polling). */
const DEFAULT_LONG_POLL_MS = 10_000;

/** The gateway's checks of a StreamActivatedJobs request. */
function streamRequestError(request: any): GrpcError | undefined {
  if (!request.type) {
    return invalidArgument(
      'Expected to stream activated jobs with type to be present, but it was blank',
    );
  }
  if (!(Number(request.timeout) > 0)) {
    return invalidArgument(
      `Expected to stream activated jobs with timeout to be greater than zero, but it was '${String(request.timeout)}'`,
    );
  }
  return undefined;
}

export function toProtoJob(job: ActivatedJob): Record<string, unknown> {
  return {
    key: job.key,
    type: job.type,
    processInstanceKey: job.processInstanceKey,
    bpmnProcessId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion,
    processDefinitionKey: job.processDefinitionKey,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    customHeaders: JSON.stringify(job.customHeaders),
    worker: job.worker,
    retries: job.retries,
    deadline: String(job.deadline),
    variables: JSON.stringify(job.variables),
    tenantId: job.tenantId,
  };
}

/** The job worker RPCs: activation (polling and push), completion, failure, updates. */
export function jobHandlers(engine: EngineService): Record<string, Handler> {
  return {
    CompleteJob: unary(
      'COMPLETE',
      async (request) => {
        const k = key(request.jobKey, 'jobKey');
        if (isError(k)) return k;
        const variables = variablesOf(request.variables);
        return isError(variables) ? variables : engine.completeJob(k, variables);
      },
      () => ({}),
    ),
    FailJob: unary(
      'FAIL',
      async (request) => {
        const k = key(request.jobKey, 'jobKey');
        if (isError(k)) return k;
        const variables = variablesOf(request.variables);
        if (isError(variables)) return variables;
        return engine.failJob(k, {
          retries: Number(request.retries ?? 0),
          errorMessage: request.errorMessage ?? '',
          retryBackOff: Number(request.retryBackOff ?? 0),
          variables,
        });
      },
      () => ({}),
    ),
    ThrowError: unary(
      'THROW_ERROR',
      async (request) => {
        const k = key(request.jobKey, 'jobKey');
        if (isError(k)) return k;
        if (!request.errorCode)
          return invalidArgument("Expected argument 'errorCode' to be provided, but it was empty");
        const variables = variablesOf(request.variables);
        if (isError(variables)) return variables;
        return engine.throwError(k, {
          errorCode: request.errorCode,
          errorMessage: request.errorMessage ?? '',
          variables,
        });
      },
      () => ({}),
    ),
    UpdateJobRetries: unary(
      'UPDATE_RETRIES',
      async (request) => {
        const k = key(request.jobKey, 'jobKey');
        return isError(k) ? k : engine.updateJobRetries(k, Number(request.retries));
      },
      () => ({}),
    ),
    UpdateJobTimeout: unary(
      'UPDATE_TIMEOUT',
      async (request) => {
        const k = key(request.jobKey, 'jobKey');
        return isError(k) ? k : engine.updateJobTimeout(k, Number(request.timeout));
      },
      () => ({}),
    ),
    ActivateJobs: ((call: ServerWritableStream<any, any>) => {
      // Invalid requests are rejected by the JOB_BATCH ACTIVATE processor, as in Zeebe.
      const request = call.request;
      const abort = new AbortController();
      call.on('cancelled', () => abort.abort());
      const requestTimeout = Number(request.requestTimeout ?? 0);
      void engine
        .activateJobs(
          {
            type: request.type ?? '',
            worker: request.worker ?? '',
            timeout: Number(request.timeout ?? 0),
            maxJobsToActivate: Number(request.maxJobsToActivate ?? 0),
            fetchVariable: request.fetchVariable ?? [],
          },
          requestTimeout === 0 ? DEFAULT_LONG_POLL_MS : requestTimeout,
          abort.signal,
        )
        .then((result) => {
          if (!result.ok) return call.emit('error', toGrpcError(result, 'ACTIVATE'));
          if (abort.signal.aborted) return engine.returnJobs(result.value.map((job) => job.key));
          // No jobs: the stream ends without a message, as Zeebe's gateway ends it.
          if (result.value.length > 0) call.write({ jobs: result.value.map(toProtoJob) });
          call.end();
        });
    }) as ServerStream,
    StreamActivatedJobs: ((call: ServerWritableStream<any, any>) => {
      const request = call.request;
      const invalid = streamRequestError(request);
      if (invalid) return call.emit('error', invalid);
      let open = true;
      const close = engine.streamJobs({
        request: {
          type: request.type,
          worker: request.worker ?? '',
          timeout: Number(request.timeout),
          fetchVariable: request.fetchVariable ?? [],
        },
        push: (job) => {
          if (!open || call.cancelled || call.destroyed) return false;
          return call.write(toProtoJob(job)) || true;
        },
      });
      const end = () => {
        open = false;
        close();
      };
      call.on('cancelled', end);
      call.on('close', end);
      call.on('error', end);
      // Response headers tell the client the stream is registered: jobs that become
      // activatable from now on are pushed to it.
      call.sendMetadata(new Metadata());
    }) as ServerStream,
  };
}
