import type { ServerUnaryCall, ServerWritableStream, sendUnaryData } from '@grpc/grpc-js';
import { parseKey } from '../protocol/keys';
import type { ActivatedJob } from '../runtime/commands';
import { parseVariables, type EngineService, type Result } from '../service/engine-service';
import { invalidArgument, toGrpcError, type GrpcError } from './grpc-status';

/* eslint-disable @typescript-eslint/no-explicit-any -- request and response shapes come from zeebe.proto at run time */
type Unary = (call: ServerUnaryCall<any, any>, callback: sendUnaryData<any>) => void;
type ServerStream = (call: ServerWritableStream<any, any>) => void;

const DEFAULT_LONG_POLL_MS = 10_000;
const ENGINE_VERSION = '8.8.0';

function unary<T>(
  commandName: string,
  run: (request: any) => Promise<Result<T> | GrpcError>,
  respond: (value: T) => unknown,
): Unary {
  return (call, callback) => {
    run(call.request).then(
      (result) => {
        if ('code' in result) return callback(result);
        if (!result.ok) return callback(toGrpcError(result, commandName));
        callback(null, respond(result.value));
      },
      (error: unknown) =>
        callback({ code: 13, details: String((error as Error)?.message ?? error) }),
    );
  };
}

function key(raw: unknown, name: string): string | GrpcError {
  return (
    parseKey(raw) ??
    invalidArgument(
      `Expected argument '${name}' to be a positive 64-bit key, but got '${String(raw)}'`,
    )
  );
}

function variablesOf(raw: string | undefined): Record<string, unknown> | GrpcError {
  const parsed = parseVariables(raw);
  return parsed.ok ? parsed.value : invalidArgument(parsed.reason);
}

function isError(value: unknown): value is GrpcError {
  return typeof value === 'object' && value !== null && 'code' in value && 'details' in value;
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

/** The `gateway_protocol.Gateway` service over the engine service. */
export function gatewayHandlers(engine: EngineService, grpcPort: () => number) {
  const creation = (request: any) => {
    const variables = variablesOf(request.variables);
    if (isError(variables)) return variables;
    const definitionKey =
      request.processDefinitionKey && request.processDefinitionKey !== '0'
        ? request.processDefinitionKey
        : '-1';
    if (definitionKey === '-1' && !request.bpmnProcessId) {
      return invalidArgument(
        "Expected argument 'bpmnProcessId' or 'processDefinitionKey' to be provided, but none given",
      );
    }
    return {
      bpmnProcessId: request.bpmnProcessId ?? '',
      version:
        request.version === 0 || request.version === undefined ? -1 : Number(request.version),
      processDefinitionKey: definitionKey,
      variables,
      tenantId: request.tenantId ?? '',
    };
  };

  const handlers: Record<string, Unary | ServerStream> = {
    Topology: unary(
      'TOPOLOGY',
      async () => ({ ok: true, key: '-1', value: undefined }) as const,
      () => ({
        brokers: [
          {
            nodeId: 0,
            host: '127.0.0.1',
            port: grpcPort(),
            partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }],
            version: ENGINE_VERSION,
          },
        ],
        clusterSize: 1,
        partitionsCount: 1,
        replicationFactor: 1,
        gatewayVersion: ENGINE_VERSION,
      }),
    ),
    DeployResource: unary(
      'CREATE',
      (request) =>
        engine.deploy(
          (request.resources ?? []).map((r: any) => ({
            name: r.name,
            content: Buffer.from(r.content ?? []),
          })),
          request.tenantId,
        ),
      (value) => ({
        key: value.key,
        tenantId: value.tenantId,
        deployments: [
          ...value.processes.map((process) => ({ process })),
          ...value.forms.map((form) => ({ form })),
        ],
      }),
    ),
    DeployProcess: unary(
      'CREATE',
      (request) =>
        engine.deploy(
          (request.processes ?? []).map((p: any) => ({
            name: p.name,
            content: Buffer.from(p.definition ?? []),
          })),
        ),
      (value) => ({ key: value.key, processes: value.processes }),
    ),
    CreateProcessInstance: unary(
      'CREATE',
      async (request) => {
        const command = creation(request);
        return isError(command) ? command : engine.createProcessInstance(command);
      },
      (value) => value,
    ),
    CreateProcessInstanceWithResult: unary(
      'CREATE_WITH_AWAITING_RESULT',
      async (request) => {
        const command = creation(request.request ?? {});
        if (isError(command)) return command;
        const timeout =
          Number(request.requestTimeout) > 0 ? Number(request.requestTimeout) : 15_000;
        return engine.createProcessInstanceWithResult(
          { ...command, fetchVariables: request.fetchVariables ?? [] },
          timeout,
        );
      },
      (value) => ({ ...value, variables: JSON.stringify(value.variables) }),
    ),
    CancelProcessInstance: unary(
      'CANCEL',
      async (request) => {
        const k = key(request.processInstanceKey, 'processInstanceKey');
        return isError(k) ? k : engine.cancelProcessInstance(k);
      },
      () => ({}),
    ),
    SetVariables: unary(
      'UPDATE',
      async (request) => {
        const k = key(request.elementInstanceKey, 'elementInstanceKey');
        if (isError(k)) return k;
        const variables = variablesOf(request.variables);
        return isError(variables) ? variables : engine.setVariables(k, variables, !!request.local);
      },
      (value) => ({ key: value.key }),
    ),
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
    ResolveIncident: unary(
      'RESOLVE',
      async (request) => {
        const k = key(request.incidentKey, 'incidentKey');
        return isError(k) ? k : engine.resolveIncident(k);
      },
      () => ({}),
    ),
    ActivateJobs: ((call: ServerWritableStream<any, any>) => {
      const request = call.request;
      if (!request.type) {
        call.emit(
          'error',
          invalidArgument("Expected argument 'type' to be provided, but it was empty"),
        );
        return;
      }
      if (!(Number(request.maxJobsToActivate) > 0)) {
        call.emit(
          'error',
          invalidArgument(
            `Expected argument 'maxJobsToActivate' to be greater than zero, but was ${request.maxJobsToActivate}`,
          ),
        );
        return;
      }
      const abort = new AbortController();
      call.on('cancelled', () => abort.abort());
      const requestTimeout = Number(request.requestTimeout ?? 0);
      void engine
        .activateJobs(
          {
            type: request.type,
            worker: request.worker ?? '',
            timeout: Number(request.timeout ?? 0),
            maxJobsToActivate: Number(request.maxJobsToActivate),
            fetchVariable: request.fetchVariable ?? [],
          },
          requestTimeout === 0 ? DEFAULT_LONG_POLL_MS : requestTimeout,
          abort.signal,
        )
        .then((result) => {
          if (!result.ok) return call.emit('error', toGrpcError(result, 'ACTIVATE'));
          if (abort.signal.aborted) return;
          if (result.value.length > 0) call.write({ jobs: result.value.map(toProtoJob) });
          call.end();
        });
    }) as ServerStream,
    StreamActivatedJobs: ((call: ServerWritableStream<any, any>) => {
      const request = call.request;
      let open = true;
      const close = engine.streamJobs({
        request: {
          type: request.type,
          worker: request.worker ?? '',
          timeout: Number(request.timeout ?? 0),
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
    }) as ServerStream,
  };
  return handlers;
}
