import { engineUnavailable } from '../camunda';
import { HttpProblem } from '../http';

/** One deployed version of a form. */
export interface FormVersion {
  key: string;
  version: number;
  resourceName: string | null;
}

/** The versions of one form (by its form id), newest first. */
export interface DeployedFormModel {
  formId: string;
  versions: FormVersion[];
}

type Item = Record<string, unknown>;
const PAGE_LIMIT = 1_000;
const MAX_FORMS = 10_000;

/** Groups deployed forms by form id, versions newest first. */
export function groupForms(items: Item[]): DeployedFormModel[] {
  const byId = new Map<string, FormVersion[]>();
  for (const item of items) {
    const id = String(item.formId ?? '');
    const versions = byId.get(id) ?? [];
    versions.push({
      key: String(item.formKey),
      version: Number(item.version),
      resourceName: typeof item.resourceName === 'string' ? item.resourceName : null,
    });
    byId.set(id, versions);
  }
  return [...byId.entries()]
    .map(([formId, versions]) => ({
      formId,
      versions: versions.sort((a, b) => b.version - a.version),
    }))
    .sort((a, b) => a.formId.localeCompare(b.formId));
}

/**
 * The deployed forms. Camunda 8.8 has no form search, so the list comes from the embedded
 * engine's own `POST /engine/v1/forms/search` and is empty against a Camunda cluster
 * (`engineUrl` unset); a form's schema from `GET /v2/forms/{formKey}` (Camunda's FormResult).
 */
export function createFormReads(engineUrl: string | undefined, timeoutMs = 10_000) {
  const root = engineUrl?.replace(/\/+$/, '').replace(/\/v2$/, '');

  async function send(path: string, body?: unknown): Promise<Response> {
    try {
      return await fetch(`${root}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw engineUnavailable();
    }
  }

  return {
    async listForms(): Promise<DeployedFormModel[]> {
      if (!root) return [];
      const items: Item[] = [];
      for (let from = 0; from < MAX_FORMS; from += PAGE_LIMIT) {
        const response = await send('/engine/v1/forms/search', {
          page: { from, limit: PAGE_LIMIT },
        });
        if (!response.ok) throw engineUnavailable();
        const found = ((await response.json()) as { items?: Item[] }).items ?? [];
        items.push(...found);
        if (found.length < PAGE_LIMIT) break;
      }
      return groupForms(items);
    },

    async formSchema(key: string): Promise<unknown> {
      const notFound = new HttpProblem({ status: 404, detail: `No form version with key ${key}.` });
      if (!root) throw notFound;
      const response = await send(`/v2/forms/${key}`);
      if (response.status === 404) throw notFound;
      if (!response.ok) throw engineUnavailable();
      return ((await response.json()) as { schema?: unknown }).schema;
    },
  };
}
