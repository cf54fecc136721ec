import { createEngineCall, engineUnavailable, READ_NOW, type CamundaRestClient } from '../camunda';
import type { MappingInstruction } from './migration-mapping';

/** An element instance a running demand waits on. */
export interface ActiveElement {
  elementId: string;
  type: string;
}

export interface MigrationEngine {
  /** Keys of the source version's ACTIVE process instances, oldest first. */
  activeInstances(processDefinitionKey: string): Promise<string[]>;
  /** The instance's active element instances, the process itself left out. */
  activeElements(processInstanceKey: string): Promise<ActiveElement[]>;
  /** The migration command; the engine's refusal is answered as its reason, not thrown. */
  migrate(
    processInstanceKey: string,
    targetProcessDefinitionKey: string,
    mappingInstructions: MappingInstruction[],
  ): Promise<{ refused?: string }>;
}

const PAGE_LIMIT = 1_000;
/** More running demands than a county has: the list stops there rather than paging forever. */
const MAX_INSTANCES = 100_000;
const MIGRATE_TIMEOUT_MS = 10_000;

type Item = Record<string, unknown>;

/**
 * The engine as the version migration uses it, through Camunda 8.8's REST API: `POST
 * /v2/process-instances/search`, `POST /v2/element-instances/search` and `POST
 * /v2/process-instances/{key}/migration`.
 */
export function createMigrationEngine(camunda: CamundaRestClient): MigrationEngine {
  const client = camunda.getOrchestrationClusterApiClientLoose();
  const call = createEngineCall(10_000);

  async function everyPage(search: (page: { from: number; limit: number }) => unknown) {
    const items: Item[] = [];
    for (let from = 0; from < MAX_INSTANCES; from += PAGE_LIMIT) {
      const page = (await call(() => search({ from, limit: PAGE_LIMIT }) as Promise<unknown>)) as {
        items?: Item[];
      };
      items.push(...(page.items ?? []));
      if ((page.items ?? []).length < PAGE_LIMIT) break;
    }
    return items;
  }

  return {
    async activeInstances(processDefinitionKey) {
      const filter = { processDefinitionKey, state: 'ACTIVE' };
      const sort = [{ field: 'startDate', order: 'ASC' }];
      const items = await everyPage((page) =>
        client.searchProcessInstances({ filter, sort, page } as never, READ_NOW),
      );
      return items.map((item) => String(item.processInstanceKey));
    },

    async activeElements(processInstanceKey) {
      const filter = { processInstanceKey, state: 'ACTIVE' };
      const items = await everyPage((page) =>
        client.searchElementInstances({ filter, page } as never, READ_NOW),
      );
      return items
        .filter((item) => item.type !== 'PROCESS')
        .map((item) => ({
          elementId: String(item.elementId ?? ''),
          type: String(item.type ?? ''),
        }));
    },

    async migrate(processInstanceKey, targetProcessDefinitionKey, mappingInstructions) {
      try {
        await Promise.race([
          client.migrateProcessInstance({
            processInstanceKey,
            targetProcessDefinitionKey,
            mappingInstructions,
          } as never) as Promise<unknown>,
          new Promise((_resolve, reject) =>
            setTimeout(() => reject(new Error('no answer')), MIGRATE_TIMEOUT_MS).unref(),
          ),
        ]);
        return {};
      } catch (error) {
        const status = (error as { status?: unknown }).status;
        // 400 (a mapping the engine cannot apply), 404 (gone meanwhile), 409 (its state).
        if (status === 400 || status === 404 || status === 409) {
          return { refused: detailOf(error) };
        }
        throw engineUnavailable();
      }
    },
  };
}

function detailOf(error: unknown): string {
  const body = (error as { body?: unknown }).body;
  const detail =
    (error as { detail?: unknown }).detail ??
    (body && typeof body === 'object' ? (body as { detail?: unknown }).detail : undefined);
  return typeof detail === 'string' ? detail : String((error as Error)?.message ?? error);
}
