/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers and assert on their shape */
/** Small fetch helpers for the REST v2 tests; every call is bounded by a timeout. */
export interface JsonResponse<T = any> {
  status: number;
  contentType: string | null;
  body: T;
}

export async function call<T = any>(
  url: string,
  method: string,
  body?: unknown,
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (xml, empty): keep the text
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: parsed as T,
  };
}

export const post = <T = any>(url: string, body?: unknown) => call<T>(url, 'POST', body ?? {});
export const get = <T = any>(url: string) => call<T>(url, 'GET');

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">`;

/**
 * A process `id` of start → one service task of `jobType` → end. `inputSource` adds an input
 * mapping (a failing one raises an incident); `name` names the process.
 */
export function taskProcess(
  id: string,
  options: { jobType?: string; inputSource?: string; name?: string } = {},
): string {
  const input = options.inputSource
    ? `<zeebe:ioMapping><zeebe:input source="${options.inputSource}" target="checked" /></zeebe:ioMapping>`
    : '';
  return `${HEADER}
  <bpmn:process id="${id}" ${options.name ? `name="${options.name}" ` : ''}isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="${options.jobType ?? 'work'}" />${input}</bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/** A process `id` calling process `childId` through a call activity `call`. */
export function callingProcess(id: string, childId: string): string {
  return `${HEADER}
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="${childId}" /></bpmn:extensionElements></bpmn:callActivity>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/** `POST /v2/deployments` (multipart/form-data) of resources given as name → XML. */
export async function deploy(
  restUrl: string,
  resources: Record<string, string>,
): Promise<JsonResponse> {
  const form = new FormData();
  for (const [name, xml] of Object.entries(resources)) {
    form.append('resources', new Blob([xml], { type: 'application/xml' }), name);
  }
  const response = await fetch(`${restUrl}/v2/deployments`, {
    method: 'POST',
    body: form,
    signal: AbortSignal.timeout(20_000),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.json(),
  };
}

/** Deploys one process and returns its processDefinitionKey. */
export async function deployProcess(restUrl: string, id: string, xml: string): Promise<string> {
  const response = await deploy(restUrl, { [`${id}.bpmn`]: xml });
  if (response.status !== 200) throw new Error(JSON.stringify(response.body));
  return response.body.deployments[0].processDefinition.processDefinitionKey as string;
}

/**
 * Searches until the result satisfies `done`: search is eventually consistent (the exporter
 * writes after commit), so a test waits for the export, bounded by `timeoutMs`.
 */
export async function searchUntil<T = any>(
  url: string,
  body: unknown,
  done: (response: JsonResponse<{ items: T[]; page: { totalItems: number } }>) => boolean,
  timeoutMs = 5_000,
): Promise<JsonResponse<{ items: T[]; page: { totalItems: number } }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await post<{ items: T[]; page: { totalItems: number } }>(url, body);
    if (done(response) || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A process `id` with no wait state: start → end (completes in the batch that creates it). */
export function straightThrough(id: string): string {
  return `${HEADER}
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}
