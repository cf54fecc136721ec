import {
  createEngineCall,
  EngineRefusal,
  READ_NOW as NOW,
  type CamundaRestClient,
} from '../camunda';
import { elementNamesOf } from './element-names';
import { variableReads } from './engine-variables';

export type { ScopedVariable } from './engine-variables';

/** The engine's user tasks, through Camunda 8.8's REST API (`server/camunda`). */
export type TaskEngineClient = CamundaRestClient;

export interface EngineTask {
  key: string;
  name: string | null;
  elementId: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string | null;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate: string | null;
  followUpDate: string | null;
  priority: number | null;
  creationDate: string | null;
  completionDate: string | null;
  state: string;
  formKey: string | null;
}

export interface EngineForm {
  formId: string | null;
  formKey: string;
  version: number | null;
  schema: unknown;
}

/** Camunda's filter of a user-task search (UserTaskFilter), as far as the server uses it. */
export type TaskFilter = Record<string, unknown>;
export type TaskSort = { field: 'creationDate' | 'dueDate' | 'priority'; order: 'ASC' | 'DESC' };

/** The most tasks one list reads from the engine before filtering and paging them. */
export const MAX_TASKS_PER_LIST = 5_000;
const PAGE_LIMIT = 1_000;

type Item = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const strings = (value: unknown) =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

function taskOf(item: Item): EngineTask {
  return {
    key: String(item.userTaskKey),
    name: str(item.name),
    elementId: String(item.elementId ?? ''),
    processInstanceKey: String(item.processInstanceKey ?? ''),
    processDefinitionKey: String(item.processDefinitionKey ?? ''),
    processDefinitionId: str(item.processDefinitionId),
    assignee: str(item.assignee),
    candidateGroups: strings(item.candidateGroups),
    candidateUsers: strings(item.candidateUsers),
    dueDate: str(item.dueDate),
    followUpDate: str(item.followUpDate),
    priority: typeof item.priority === 'number' ? item.priority : null,
    creationDate: str(item.creationDate),
    completionDate: str(item.completionDate),
    state: String(item.state ?? ''),
    formKey: str(item.formKey),
  };
}

export function createTaskEngine(camunda: TaskEngineClient, options: { timeoutMs?: number } = {}) {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const client = camunda.getOrchestrationClusterApiClientLoose();
  const names = new Map<string, Promise<Map<string, string>>>();

  const call = createEngineCall(timeoutMs);

  /** The element's name from the BPMN (read once per definition) when the search lacks it. */
  async function named(task: EngineTask): Promise<EngineTask> {
    if (task.name !== null || task.processDefinitionKey === '') return task;
    let found = names.get(task.processDefinitionKey);
    if (!found) {
      found = call(
        () =>
          client.getProcessDefinitionXml(
            { processDefinitionKey: task.processDefinitionKey } as never,
            NOW,
          ) as Promise<unknown>,
      ).then((xml) => elementNamesOf(String(xml)));
      found.catch(() => names.delete(task.processDefinitionKey));
      names.set(task.processDefinitionKey, found);
    }
    // Without the diagram the task still lists, unnamed.
    const map = await found.catch(() => new Map<string, string>());
    return { ...task, name: map.get(task.elementId) ?? null };
  }

  async function searchPage(filter: TaskFilter, sort: TaskSort[], from: number, limit: number) {
    const page = (await call(
      () =>
        client.searchUserTasks(
          { filter, sort, page: { from, limit } } as never,
          NOW,
        ) as Promise<unknown>,
    )) as { items?: Item[]; page?: { totalItems?: number } };
    return {
      items: await Promise.all((page.items ?? []).map((item) => named(taskOf(item)))),
      total: page.page?.totalItems ?? 0,
    };
  }

  return {
    searchPage,

    /** Every task matching `filter` in the order of `sort`, up to `MAX_TASKS_PER_LIST`. */
    async searchAll(filter: TaskFilter, sort: TaskSort[] = []): Promise<EngineTask[]> {
      const tasks: EngineTask[] = [];
      for (let from = 0; from < MAX_TASKS_PER_LIST; from += PAGE_LIMIT) {
        const page = await searchPage(filter, sort, from, PAGE_LIMIT);
        tasks.push(...page.items);
        if (page.items.length < PAGE_LIMIT || tasks.length >= page.total) break;
      }
      return tasks;
    },

    async get(key: string): Promise<EngineTask | undefined> {
      if (!/^\d{1,19}$/.test(key)) return undefined;
      try {
        const item = await call(
          () => client.getUserTask({ userTaskKey: key } as never, NOW) as Promise<unknown>,
        );
        return named(taskOf(item as Item));
      } catch (error) {
        if (error instanceof EngineRefusal && error.status === 404) return undefined;
        throw error;
      }
    },

    async form(key: string): Promise<EngineForm | null> {
      const answer = (await call(
        () => client.getUserTaskForm({ userTaskKey: key } as never, NOW) as Promise<unknown>,
      )) as Item | undefined | '';
      if (!answer || typeof answer !== 'object' || answer.formKey === undefined) return null;
      let schema: unknown = answer.schema;
      if (typeof schema === 'string') schema = JSON.parse(schema);
      return {
        formId: str(answer.formId),
        formKey: String(answer.formKey),
        version: typeof answer.version === 'number' ? answer.version : null,
        schema,
      };
    },

    ...variableReads(client, call),

    async assign(key: string, assignee: string): Promise<void> {
      await call(
        () =>
          client.assignUserTask({
            userTaskKey: key,
            assignee,
            allowOverride: false,
            action: 'claim',
          } as never) as Promise<unknown>,
      );
    },

    async unassign(key: string): Promise<void> {
      await call(() => client.unassignUserTask({ userTaskKey: key } as never) as Promise<unknown>);
    },

    async complete(key: string, variables: Record<string, unknown>): Promise<void> {
      await call(
        () =>
          client.completeUserTask({
            userTaskKey: key,
            variables,
            action: 'complete',
          } as never) as Promise<unknown>,
      );
    },
  };
}

export type TaskEngine = ReturnType<typeof createTaskEngine>;
