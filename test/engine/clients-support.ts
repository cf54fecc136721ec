/**
 * Shared by the client conformance tests (jobs-*, instances-*, clients-*): both official
 * clients behind one interface, BPMN models, the engine's log, and a raw gRPC client for
 * requests the official clients cannot send.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ZBClient } from 'zeebe-node';
import { EngineRecords, type EngineRecord, type RecordFilter } from '../support/engine-records';
import { processXml } from './fixtures';

/** A job as both clients hand it out (variables and custom headers parsed). */
export interface Job {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: Record<string, unknown>;
  worker: string;
  retries: number;
  deadline: string;
  variables: Record<string, unknown>;
}

export interface ActivateRequest {
  type: string;
  worker: string;
  timeout: number;
  maxJobsToActivate: number;
  requestTimeout?: number;
  fetchVariable?: string[];
}

type Variables = Record<string, unknown>;

/**
 * What `@camunda8/sdk`'s ZeebeGrpcClient and `zeebe-node`'s ZBClient have in common: the
 * SDK is zeebe-node's successor and kept its API, so the same test runs against both.
 */
export interface ZeebeApi {
  activateJobs(request: ActivateRequest): Promise<Job[]>;
  completeJob(request: { jobKey: string; variables: Variables }): Promise<void>;
  failJob(request: {
    jobKey: string;
    retries: number;
    errorMessage: string;
    retryBackOff?: number;
    variables?: Variables;
  }): Promise<void>;
  throwError(request: {
    jobKey: string;
    errorCode: string;
    errorMessage?: string;
    variables?: Variables;
  }): Promise<void>;
  updateJobRetries(request: { jobKey: string; retries: number }): Promise<void>;
  resolveIncident(request: { incidentKey: string }): Promise<void>;
  cancelProcessInstance(processInstanceKey: string): Promise<void>;
  setVariables(request: {
    elementInstanceKey: string;
    variables: Variables;
    local: boolean;
  }): Promise<unknown>;
  createProcessInstance(request: {
    bpmnProcessId: string;
    variables: Variables;
    version?: number;
  }): Promise<{
    processInstanceKey: string;
    processDefinitionKey: string;
    bpmnProcessId: string;
    version: number;
  }>;
  createProcessInstanceWithResult(request: {
    bpmnProcessId: string;
    variables: Variables;
    requestTimeout?: number;
    fetchVariables?: string[];
  }): Promise<{ processInstanceKey: string; variables: Variables }>;
  deployResource(request: { process: Buffer; name: string }): Promise<{
    deployments: Array<{ process?: { processDefinitionKey: string; version: number } }>;
  }>;
}

/** A zeebe-node client, configured as its README says for a plain-text local gateway. */
export function zeebeNodeClient(port: number, options: { retry?: boolean } = {}): ZBClient {
  return new ZBClient(`127.0.0.1:${port}`, {
    useTLS: false,
    loglevel: 'NONE',
    retry: options.retry ?? true,
  });
}

/**
 * A zeebe-node client for the test file's engine, created on first use. Call this before
 * `useEngine()`: hooks run in declaration order, so the client is closed while the engine is
 * still up (a zeebe-node client whose gateway went away keeps reconnecting and never closes).
 */
export function useZeebeNode(port: () => number): () => ZBClient {
  let client: ZBClient | undefined;
  afterAll(async () => {
    await client?.close();
  });
  return () => (client ??= zeebeNodeClient(port()));
}

export function asApi(client: unknown): ZeebeApi {
  return client as ZeebeApi;
}

/** A fresh name per test, so tests sharing one engine never see each other's jobs. */
export function unique(prefix: string): string {
  return `${prefix}-${crypto.randomBytes(4).toString('hex')}`;
}

export interface TaskSpec {
  id: string;
  type: string;
  retries?: number;
  /** An error boundary event catching this code, leading to an end event. */
  catchErrorCode?: string;
}

/** start → the tasks in order → end; job types and retries as given. */
export function sequenceProcess(processId: string, tasks: TaskSpec[]): string {
  const errors = tasks.filter((t) => t.catchErrorCode);
  const head = errors
    .map((t) => `<bpmn:error id="Error_${t.id}" errorCode="${t.catchErrorCode}" />`)
    .join('');
  const ids = ['start', ...tasks.map((t) => t.id), 'end'];
  const flows = ids.slice(1).map((target, i) => ({ id: `f${i}`, source: ids[i]!, target }));
  const incoming = (id: string) =>
    flows
      .filter((f) => f.target === id)
      .map((f) => `<bpmn:incoming>${f.id}</bpmn:incoming>`)
      .join('');
  const outgoing = (id: string) =>
    flows
      .filter((f) => f.source === id)
      .map((f) => `<bpmn:outgoing>${f.id}</bpmn:outgoing>`)
      .join('');
  const body = [
    `<bpmn:startEvent id="start">${outgoing('start')}</bpmn:startEvent>`,
    ...tasks.map(
      (t) =>
        `<bpmn:serviceTask id="${t.id}"><bpmn:extensionElements><zeebe:taskDefinition type="${t.type}" retries="${t.retries ?? 3}" /></bpmn:extensionElements>${incoming(t.id)}${outgoing(t.id)}</bpmn:serviceTask>`,
    ),
    `<bpmn:endEvent id="end">${incoming('end')}</bpmn:endEvent>`,
    ...flows.map(
      (f) => `<bpmn:sequenceFlow id="${f.id}" sourceRef="${f.source}" targetRef="${f.target}" />`,
    ),
    ...errors.map(
      (t) =>
        `<bpmn:boundaryEvent id="caught_${t.id}" attachedToRef="${t.id}"><bpmn:outgoing>fe_${t.id}</bpmn:outgoing><bpmn:errorEventDefinition errorRef="Error_${t.id}" /></bpmn:boundaryEvent>` +
        `<bpmn:endEvent id="errorEnd_${t.id}"><bpmn:incoming>fe_${t.id}</bpmn:incoming></bpmn:endEvent>` +
        `<bpmn:sequenceFlow id="fe_${t.id}" sourceRef="caught_${t.id}" targetRef="errorEnd_${t.id}" />`,
    ),
  ].join('\n');
  return processXml(processId, body, head);
}

/** Deploys a one-or-more-task process with a fresh id and fresh job types. */
export async function deployTasks(
  client: ZeebeApi,
  tasks: Array<Omit<TaskSpec, 'type' | 'id'> & { id?: string }> = [{}],
) {
  const processId = unique('p');
  const specs = tasks.map((t, i) => ({ ...t, id: t.id ?? `task${i + 1}`, type: unique('job') }));
  const deployed = await client.deployResource({
    process: Buffer.from(sequenceProcess(processId, specs)),
    name: `${processId}.bpmn`,
  });
  return {
    processId,
    types: specs.map((s) => s.type),
    processDefinitionKey: deployed.deployments[0]!.process!.processDefinitionKey,
  };
}

/** The gRPC status of a failed call (both clients throw grpc-js errors carrying `code`). */
export async function grpcError(
  call: Promise<unknown>,
): Promise<{ code: number; details: string }> {
  try {
    await call;
  } catch (error) {
    const e = error as { code?: number; details?: string; message?: string };
    return { code: e.code ?? -1, details: e.details ?? e.message ?? String(error) };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export const Code = grpc.status;

/** A bounded wait for something the engine does asynchronously; fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs `read` with a reader of the engine's log (test/support/engine-records), then closes it. */
async function withRecords<T>(databaseUrl: string, read: (records: EngineRecords) => Promise<T>) {
  const records = new EngineRecords(() => databaseUrl);
  try {
    return await read(records);
  } finally {
    await records.close();
  }
}

/** Events of the engine's log matching `filter`, and of one record key if given. */
export function readRecords(
  databaseUrl: string,
  filter: RecordFilter & { key?: string },
): Promise<EngineRecord[]> {
  const { key, ...rest } = filter;
  return withRecords(databaseUrl, async (records) =>
    (await records.query(rest)).filter((r) => key === undefined || r.key === key),
  );
}

/** The incident raised in a process instance, once it is in the log. */
export function incidentOf(databaseUrl: string, processInstanceKey: string) {
  return withRecords(databaseUrl, (records) => records.incident(processInstanceKey, 10_000));
}

/** The process instance's own lifecycle events (element type PROCESS), in order. */
export async function processIntents(databaseUrl: string, processInstanceKey: string) {
  const events = await readRecords(databaseUrl, {
    valueType: 'PROCESS_INSTANCE',
    processInstanceKey,
    key: processInstanceKey,
  });
  return events.filter((r) => r.value.bpmnElementType === 'PROCESS').map((r) => r.intent);
}

/**
 * A raw client of `gateway_protocol.Gateway` over the zeebe.proto the SDK ships: for what the
 * official clients cannot send (malformed JSON, processDefinitionKey) or do not expose.
 */
export function rawGateway(port: number) {
  const protoPath = path.join(
    path.dirname(require.resolve('@camunda8/sdk/package.json')),
    'dist',
    'proto',
    'zeebe.proto',
  );
  const definition = protoLoader.loadSync(protoPath, {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const proto = grpc.loadPackageDefinition(definition) as unknown as {
    gateway_protocol: { Gateway: grpc.ServiceClientConstructor };
  };
  const client = new proto.gateway_protocol.Gateway(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
    { 'grpc.max_send_message_length': 16 * 1024 * 1024 },
  ) as unknown as grpc.Client & Record<string, (...args: unknown[]) => unknown>;
  return {
    client,
    /** A unary call; resolves with the response or rejects with the grpc-js error. */
    call<T = Record<string, unknown>>(
      method: string,
      request: Record<string, unknown>,
    ): Promise<T> {
      return new Promise((resolve, reject) => {
        client[method]!(
          request,
          { deadline: Date.now() + 20_000 },
          (error: grpc.ServiceError | null, response: T) =>
            error ? reject(error) : resolve(response),
        );
      });
    },
    close: () => client.close(),
  };
}
