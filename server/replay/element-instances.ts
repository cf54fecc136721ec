import { EngineRefusal, READ_NOW, type EngineCall, type OrchestrationClient } from '../camunda';
import { isoWithOffset } from '../http';
import type { ProcessHistory, ReplayInstance, ReplayStep } from './replay-model';
import { inEngineOrder, type TimedElement } from './replay-order';

/**
 * A demand's process history from Camunda 8.8's documented REST searches — process instances
 * (and the ones they called), their element instances and user tasks — for a cluster, which
 * has no record history endpoint. Each element instance gives its activation (start date) and
 * its end (completed or terminated); sequence flows are not in Camunda's search and are left
 * for the viewer to infer.
 */

type Item = Record<string, unknown>;
const PAGE = 1_000;
/** Call activities nest; deeper than this is a model error, not a demand's history. */
const MAX_DEPTH = 5;
const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const iso = (value: unknown) => (str(value) ? isoWithOffset(new Date(String(value))) : null);

async function everyPage(
  call: EngineCall,
  search: (page: { from: number; limit: number }) => Promise<unknown>,
): Promise<Item[]> {
  const items: Item[] = [];
  for (let from = 0; ; from += PAGE) {
    const page = (await call(() => search({ from, limit: PAGE }))) as { items?: Item[] };
    items.push(...(page.items ?? []));
    if ((page.items ?? []).length < PAGE) return items;
  }
}

function elementsOf(process: ReplayInstance, items: Item[]): TimedElement[] {
  return items.map((item) => {
    const ended = item.state === 'COMPLETED' || item.state === 'TERMINATED';
    return {
      processInstanceKey: process.key,
      parentProcessInstanceKey: process.parentProcessInstanceKey,
      processDefinitionKey: process.processDefinitionKey,
      elementId: String(item.elementId ?? ''),
      elementType: str(item.type),
      elementInstanceKey: String(item.elementInstanceKey),
      start: iso(item.startDate),
      end: ended ? iso(item.endDate) : null,
      endEvent: ended ? `ELEMENT_${String(item.state)}` : null,
    };
  });
}

function taskStepsOf(process: ReplayInstance, items: Item[]): ReplayStep[] {
  return items.flatMap((item) => {
    const common = {
      processInstanceKey: process.key,
      processDefinitionKey: process.processDefinitionKey,
      elementId: String(item.elementId ?? ''),
      elementType: 'USER_TASK',
      elementInstanceKey: str(item.elementInstanceKey),
      userTaskKey: String(item.userTaskKey),
    };
    const ended = item.state === 'COMPLETED' || item.state === 'CANCELED';
    return [
      { ...common, at: iso(item.creationDate), event: 'USER_TASK_CREATED' },
      ...(ended
        ? [{ ...common, at: iso(item.completionDate), event: `USER_TASK_${String(item.state)}` }]
        : []),
    ];
  });
}

export function createElementInstanceHistory(client: OrchestrationClient, call: EngineCall) {
  async function instance(key: string): Promise<ReplayInstance | undefined> {
    try {
      const found = (await call(
        () =>
          client.getProcessInstance(
            { processInstanceKey: key } as never,
            READ_NOW,
          ) as Promise<unknown>,
      )) as Item;
      return {
        key,
        processDefinitionKey: String(found.processDefinitionKey),
        processDefinitionId: str(found.processDefinitionId),
        version:
          typeof found.processDefinitionVersion === 'number'
            ? found.processDefinitionVersion
            : null,
        parentProcessInstanceKey: str(found.parentProcessInstanceKey),
      };
    } catch (error) {
      if (error instanceof EngineRefusal && error.status === 404) return undefined;
      throw error;
    }
  }

  async function children(key: string): Promise<string[]> {
    const items = await everyPage(
      call,
      (page) =>
        client.searchProcessInstances(
          { filter: { parentProcessInstanceKey: key }, page } as never,
          READ_NOW,
        ) as Promise<unknown>,
    );
    return items.map((item) => String(item.processInstanceKey));
  }

  async function search(
    process: ReplayInstance,
    what: 'searchElementInstances' | 'searchUserTasks',
  ): Promise<Item[]> {
    const filter = { processInstanceKey: process.key };
    return everyPage(
      call,
      (page) => client[what]({ filter, page } as never, READ_NOW) as Promise<unknown>,
    );
  }

  return async function history(rootKeys: string[]): Promise<ProcessHistory> {
    const instances: ReplayInstance[] = [];
    let level = rootKeys;
    for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth += 1) {
      const next: string[] = [];
      for (const key of level) {
        const found = await instance(key);
        if (!found) continue;
        instances.push(found);
        next.push(...(await children(key)));
      }
      level = next;
    }
    const elements: TimedElement[] = [];
    const taskSteps: ReplayStep[] = [];
    for (const process of instances) {
      elements.push(...elementsOf(process, await search(process, 'searchElementInstances')));
      taskSteps.push(...taskStepsOf(process, await search(process, 'searchUserTasks')));
    }
    return {
      source: 'element-instances',
      instances,
      steps: inEngineOrder(elements, taskSteps),
      chain: null,
      userTaskKeys: [...new Set(taskSteps.map((step) => step.userTaskKey!))],
    };
  };
}
