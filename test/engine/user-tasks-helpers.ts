/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import { call, get, post, searchUntil } from './rest-helpers';

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">`;

/** A process `id`: start → Camunda user task `task` (extension elements as given) → end. */
export function userTaskProcess(id: string, extensions = ''): string {
  return `${HEADER}
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="task" name="Review"><bpmn:extensionElements><zeebe:userTask />${extensions}</bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/** Starts an instance and waits until its user task is searchable; returns both keys. */
export async function startWithTask(
  restUrl: string,
  processId: string,
  variables: Record<string, unknown> = {},
): Promise<{ instanceKey: string; task: any }> {
  const created = await post(`${restUrl}/v2/process-instances`, {
    processDefinitionId: processId,
    variables,
  });
  if (created.status !== 200) throw new Error(JSON.stringify(created.body));
  const instanceKey = created.body.processInstanceKey as string;
  const task = await taskOf(restUrl, instanceKey, (t) => t !== undefined);
  return { instanceKey, task };
}

/** The instance's user task once it satisfies `done` (search is eventually consistent). */
export async function taskOf(
  restUrl: string,
  instanceKey: string,
  done: (task: any) => boolean,
): Promise<any> {
  const search = await searchUntil(
    `${restUrl}/v2/user-tasks/search`,
    { filter: { processInstanceKey: instanceKey } },
    (r) => done(r.body.items?.[0]),
  );
  if (!search.body.items) throw new Error(`search failed: ${JSON.stringify(search.body)}`);
  return search.body.items[0];
}

export async function instanceState(restUrl: string, instanceKey: string, expected: string) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const instance = await get(`${restUrl}/v2/process-instances/${instanceKey}`);
    if (instance.body?.state === expected || Date.now() > deadline) return instance.body?.state;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const patch = (url: string, body: unknown) => call(url, 'PATCH', body);
export const del = (url: string) => call(url, 'DELETE');
