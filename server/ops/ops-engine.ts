import {
  createEngineCall,
  EngineRefusal,
  READ_NOW as NOW,
  type CamundaRestClient,
} from '../camunda';
import { elementNamesOf } from '../tasks';

/** An incident as Camunda 8.8's REST API answers it (`IncidentResult`). */
export interface EngineIncident {
  key: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processInstanceKey: string;
  errorType: string;
  errorMessage: string;
  elementId: string;
  elementInstanceKey: string;
  jobKey: string | null;
  state: string;
  creationTime: string | null;
}

export interface EngineVariable {
  name: string;
  /** The JSON text; null when the engine cut it (`isTruncated`). */
  value: string | null;
  scopeKey: string;
}

export interface EngineElementInstance {
  key: string;
  elementId: string;
  type: string;
}

/** The definition facts an incident list shows: its version and its elements' names. */
export interface DefinitionFacts {
  version: number | null;
  names: Map<string, string>;
  xml: string;
}

type Item = Record<string, unknown>;
const PAGE_LIMIT = 1_000;
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

function incidentOf(item: Item): EngineIncident {
  const jobKey = text(item.jobKey);
  return {
    key: String(item.incidentKey),
    processDefinitionKey: String(item.processDefinitionKey ?? ''),
    processDefinitionId: String(item.processDefinitionId ?? ''),
    processInstanceKey: String(item.processInstanceKey ?? ''),
    errorType: String(item.errorType ?? ''),
    errorMessage: String(item.errorMessage ?? ''),
    elementId: String(item.elementId ?? ''),
    elementInstanceKey: String(item.elementInstanceKey ?? ''),
    jobKey: jobKey === '-1' ? null : jobKey,
    state: String(item.state ?? ''),
    creationTime: text(item.creationTime),
  };
}

/**
 * The engine as the incident view uses it, through Camunda 8.8's REST API (as Operate does):
 * incident search and get, definitions, process instances, variables, and the three commands
 * of a retry. A 404 or 409 of the engine is an `EngineRefusal`; anything else a 503.
 */
export function createOpsEngine(camunda: CamundaRestClient, options: { timeoutMs?: number } = {}) {
  const client = camunda.getOrchestrationClusterApiClientLoose();
  const call = createEngineCall(options.timeoutMs ?? 10_000);
  const definitions = new Map<string, Promise<DefinitionFacts>>();

  const run = <T>(work: () => unknown) => call(() => work() as Promise<T>);

  async function everyPage(
    search: (page: { from: number; limit: number }) => unknown,
    max: number,
  ) {
    const items: Item[] = [];
    for (let from = 0; from < max; from += PAGE_LIMIT) {
      const page = await run<{ items?: Item[] }>(() => search({ from, limit: PAGE_LIMIT }));
      items.push(...(page.items ?? []));
      if ((page.items ?? []).length < PAGE_LIMIT) break;
    }
    return items;
  }

  return {
    /** Incidents matching `filter`, newest first, at most `max`. */
    async searchIncidents(filter: Item, max: number): Promise<EngineIncident[]> {
      const sort = [{ field: 'creationTime', order: 'DESC' }];
      const items = await everyPage(
        (page) => client.searchIncidents({ filter, sort, page } as never, NOW),
        max,
      );
      return items.slice(0, max).map(incidentOf);
    },

    async getIncident(key: string): Promise<EngineIncident | undefined> {
      if (!/^\d{1,19}$/.test(key)) return undefined;
      try {
        return incidentOf(
          await run<Item>(() => client.getIncident({ incidentKey: key } as never, NOW)),
        );
      } catch (error) {
        if (error instanceof EngineRefusal && error.status === 404) return undefined;
        throw error;
      }
    },

    /** A definition's version and element names, read once (definitions never change). */
    definition(processDefinitionKey: string): Promise<DefinitionFacts> {
      let found = definitions.get(processDefinitionKey);
      if (!found) {
        found = Promise.all([
          run<Item>(() => client.getProcessDefinition({ processDefinitionKey } as never, NOW)),
          run<unknown>(() =>
            client.getProcessDefinitionXml({ processDefinitionKey } as never, NOW),
          ),
        ]).then(([definition, xml]) => ({
          version: typeof definition.version === 'number' ? definition.version : null,
          names: elementNamesOf(String(xml)),
          xml: String(xml),
        }));
        found.catch(() => definitions.delete(processDefinitionKey));
        definitions.set(processDefinitionKey, found);
      }
      return found;
    },

    /** Process instance key → its parent's key (null for a root), for the listed instances. */
    async parentsOf(processInstanceKeys: string[]): Promise<Map<string, string | null>> {
      const parents = new Map<string, string | null>();
      const keys = [...new Set(processInstanceKeys)];
      for (let at = 0; at < keys.length; at += PAGE_LIMIT) {
        const filter = { processInstanceKey: { $in: keys.slice(at, at + PAGE_LIMIT) } };
        const items = await everyPage(
          (page) => client.searchProcessInstances({ filter, page } as never, NOW),
          PAGE_LIMIT,
        );
        for (const item of items) {
          parents.set(String(item.processInstanceKey), text(item.parentProcessInstanceKey));
        }
      }
      return parents;
    },

    /** Every variable of a process instance, in every scope. */
    async variablesOf(processInstanceKey: string): Promise<EngineVariable[]> {
      const filter = { processInstanceKey };
      const items = await everyPage(
        (page) => client.searchVariables({ filter, page } as never, NOW),
        10 * PAGE_LIMIT,
      );
      return items.map((item) => ({
        name: String(item.name),
        value: item.isTruncated === true ? null : String(item.value),
        scopeKey: String(item.scopeKey),
      }));
    },

    /** The process instance's element instances that are still active. */
    async activeElementInstances(processInstanceKey: string): Promise<EngineElementInstance[]> {
      const filter = { processInstanceKey, state: 'ACTIVE' };
      const items = await everyPage(
        (page) => client.searchElementInstances({ filter, page } as never, NOW),
        10 * PAGE_LIMIT,
      );
      return items.map((item) => ({
        key: String(item.elementInstanceKey),
        elementId: String(item.elementId ?? ''),
        type: String(item.type ?? ''),
      }));
    },

    /** `PUT /v2/element-instances/{key}/variables`: each name where it is visible, else the instance. */
    setVariables(elementInstanceKey: string, variables: Record<string, unknown>): Promise<unknown> {
      return run(() =>
        client.createElementInstanceVariables({
          elementInstanceKey,
          variables,
          local: false,
        } as never),
      );
    },

    /** `PATCH /v2/jobs/{key}` with `{changeset: {retries}}`. */
    updateJobRetries(jobKey: string, retries: number): Promise<unknown> {
      return run(() => client.updateJob({ jobKey, changeset: { retries } } as never));
    },

    /** `POST /v2/process-instances/{key}/modification`: activate and terminate in one command. */
    modifyInstance(
      processInstanceKey: string,
      instructions: {
        activateInstructions: Array<{ elementId: string }>;
        terminateInstructions: Array<{ elementInstanceKey: string }>;
      },
    ): Promise<unknown> {
      return run(() =>
        client.modifyProcessInstance({ processInstanceKey, ...instructions } as never),
      );
    },

    /** `POST /v2/incidents/{key}/resolution`. */
    resolveIncident(incidentKey: string): Promise<unknown> {
      return run(() => client.resolveIncident({ incidentKey } as never));
    },
  };
}

export type OpsEngine = ReturnType<typeof createOpsEngine>;
