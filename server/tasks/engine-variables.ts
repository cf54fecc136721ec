import { READ_NOW as NOW, type CamundaRestClient, type createEngineCall } from '../camunda';

/** Search pages are read this many items at a time. */
const PAGE_LIMIT = 1_000;

type Item = Record<string, unknown>;
type Client = ReturnType<CamundaRestClient['getOrchestrationClusterApiClientLoose']>;
type Call = ReturnType<typeof createEngineCall>;

/** One variable of one scope (an element instance, or the process instance itself). */
export interface ScopedVariable {
  name: string;
  value: unknown;
  scopeKey: string;
  processInstanceKey: string;
}

/** A search item as a variable, parsed from its JSON text; none when truncated or unreadable. */
function scopedVariable(item: Item): ScopedVariable[] {
  if (item.isTruncated === true) return [];
  try {
    return [
      {
        name: String(item.name),
        value: JSON.parse(String(item.value)),
        scopeKey: String(item.scopeKey),
        processInstanceKey: String(item.processInstanceKey),
      },
    ];
  } catch {
    return [];
  }
}

/**
 * The task engine's reads of process variables through Camunda's REST API: by process
 * instance (root scope, or every scope) and as a user task sees them.
 */
export function variableReads(client: Client, call: Call) {
  /** Every item of a paged search, page by page. */
  async function allPages(
    search: (page: { from: number; limit: number }) => Promise<unknown>,
  ): Promise<Item[]> {
    const items: Item[] = [];
    for (let from = 0; ; from += PAGE_LIMIT) {
      const page = (await call(() => search({ from, limit: PAGE_LIMIT }))) as { items?: Item[] };
      items.push(...(page.items ?? []));
      if ((page.items ?? []).length < PAGE_LIMIT) return items;
    }
  }

  /**
   * The variables named `variableNames` (all when omitted) of these process instances in
   * every scope, as Camunda stores them: one search (in pages), however many instances.
   */
  async function scopedVariables(
    processInstanceKeys: string[],
    variableNames?: string[],
  ): Promise<Map<string, ScopedVariable[]>> {
    const byInstance = new Map<string, ScopedVariable[]>();
    const keys = [...new Set(processInstanceKeys)].filter((key) => /^\d+$/.test(key));
    for (let at = 0; at < keys.length; at += PAGE_LIMIT) {
      const filter: Record<string, unknown> = {
        processInstanceKey: { $in: keys.slice(at, at + PAGE_LIMIT) },
      };
      if (variableNames) filter.name = { $in: variableNames };
      const items = await allPages((page) =>
        client.searchVariables({ filter, page } as never, NOW),
      );
      for (const variable of items.flatMap(scopedVariable)) {
        const list = byInstance.get(variable.processInstanceKey) ?? [];
        list.push(variable);
        byInstance.set(variable.processInstanceKey, list);
      }
    }
    return byInstance;
  }

  return {
    scopedVariables,

    /**
     * The root-scope variables of process instances named `names` (all when omitted), parsed
     * from their JSON text, by process instance.
     */
    async instanceVariables(
      processInstanceKeys: string[],
      variableNames?: string[],
    ): Promise<Map<string, Record<string, unknown>>> {
      const byInstance = new Map<string, Record<string, unknown>>();
      for (const [instance, variables] of await scopedVariables(
        processInstanceKeys,
        variableNames,
      )) {
        const root = variables.filter((variable) => variable.scopeKey === instance);
        byInstance.set(instance, Object.fromEntries(root.map((v) => [v.name, v.value])));
      }
      return byInstance;
    },

    /**
     * The variables visible to a user task in every scope from its element instance up to its
     * process instance (Camunda's user task variable search), named `variableNames` or all.
     */
    async userTaskVariables(key: string, variableNames?: string[]): Promise<ScopedVariable[]> {
      const filter = variableNames ? { name: { $in: variableNames } } : {};
      const items = await allPages((page) =>
        client.searchUserTaskVariables({ userTaskKey: key, filter, page } as never, NOW),
      );
      return items.flatMap(scopedVariable);
    },
  };
}
