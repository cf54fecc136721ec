import { createEngineCall, engineUnavailable, READ_NOW, type CamundaRestClient } from '../camunda';
import { invalidInput, type FieldError } from '../http';
import { definitionXml, searchAll } from './engine-reads';
import { createDecisionReads, type DeployedDecisionModel } from './modeler-decisions';
import { createFormReads, type DeployedFormModel } from './modeler-forms';
import { deploymentOf, type Deployment } from './modeler-deployment';

/** One deployed version of a process (Camunda 8.8's ProcessDefinitionResult, as far as shown). */
export interface ProcessVersion {
  key: string;
  version: number;
  versionTag: string | null;
  name: string | null;
  resourceName: string | null;
}

/** The versions of one process, newest first. */
export interface DeployedProcess {
  processDefinitionId: string;
  name: string | null;
  versions: ProcessVersion[];
}

export interface ModelerEngine {
  listProcesses(): Promise<DeployedProcess[]>;
  processXml(key: string): Promise<string>;
  listDecisions(): Promise<DeployedDecisionModel[]>;
  decisionXml(key: string): Promise<string>;
  listForms(): Promise<DeployedFormModel[]>;
  /** The form's JSON (form-js schema). */
  formSchema(key: string): Promise<unknown>;
  deploy(resources: { name: string; content: string }[]): Promise<Deployment>;
}

const DEPLOY_TIMEOUT_MS = 30_000;

type Item = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** `Element 'warn-timer': …` or `Element: warn-timer >` in Zeebe's rejection text. */
const ELEMENT_IN_MESSAGE = /Element:?\s*'?([A-Za-z_][\w.-]*)'?/g;

/** The element ids a rejection names, each with the sentence about it. */
export function elementErrors(detail: string): FieldError[] {
  const found: FieldError[] = [];
  const seen = new Set<string>();
  for (const match of detail.matchAll(ELEMENT_IN_MESSAGE)) {
    const id = match[1]!;
    if (seen.has(id)) continue;
    seen.add(id);
    const start = match.index ?? 0;
    const end = detail.indexOf('\n', start);
    found.push({ field: id, message: detail.slice(start, end < 0 ? undefined : end).trim() });
  }
  return found;
}

function rejection(error: unknown): { status?: number; detail: string } {
  const status = (error as { status?: unknown }).status;
  const body = (error as { body?: unknown; response?: { body?: unknown } }).body;
  const detail =
    (error as { detail?: unknown }).detail ??
    (body && typeof body === 'object' ? (body as { detail?: unknown }).detail : undefined);
  return {
    status: typeof status === 'number' ? status : undefined,
    detail: typeof detail === 'string' ? detail : String((error as Error)?.message ?? error),
  };
}

/**
 * The process models on the engine, through Camunda 8.8's REST API (`POST
 * /v2/process-definitions/search`, `GET /v2/process-definitions/{key}/xml`, `POST
 * /v2/deployments`) via the SDK's client, so a Camunda cluster serves the modeler too.
 */
export function createModelerEngine(
  camunda: CamundaRestClient,
  options: { engineUrl?: string } = {},
): ModelerEngine {
  const client = camunda.getOrchestrationClusterApiClientLoose();
  const call = createEngineCall(10_000);

  return {
    ...createDecisionReads(client, call),
    ...createFormReads(options.engineUrl),

    async listProcesses() {
      const items = await searchAll(
        call,
        (page) => client.searchProcessDefinitions({ page } as never, READ_NOW) as Promise<unknown>,
      );
      const byId = new Map<string, DeployedProcess>();
      for (const item of items) {
        const id = String(item.processDefinitionId ?? '');
        const entry = byId.get(id) ?? { processDefinitionId: id, name: null, versions: [] };
        entry.versions.push({
          key: String(item.processDefinitionKey),
          version: Number(item.version),
          versionTag: str(item.versionTag),
          name: str(item.name),
          resourceName: str(item.resourceName),
        });
        byId.set(id, entry);
      }
      return [...byId.values()]
        .map((entry) => {
          const versions = entry.versions.sort((a, b) => b.version - a.version);
          return { ...entry, versions, name: versions[0]?.name ?? null };
        })
        .sort((a, b) => a.processDefinitionId.localeCompare(b.processDefinitionId));
    },

    processXml: (key) =>
      definitionXml(
        call,
        () =>
          client.getProcessDefinitionXml(
            { processDefinitionKey: key } as never,
            READ_NOW,
          ) as Promise<unknown>,
        'process',
        key,
      ),

    async deploy(resources) {
      let answer: Item;
      try {
        answer = (await Promise.race([
          client.createDeployment({
            resources: resources.map(
              (resource) =>
                new File([resource.content], resource.name, { type: 'application/octet-stream' }),
            ),
          } as never) as Promise<unknown>,
          new Promise((_resolve, reject) =>
            setTimeout(() => reject(new Error('no answer')), DEPLOY_TIMEOUT_MS).unref(),
          ),
        ])) as Item;
      } catch (error) {
        const refused = rejection(error);
        if (refused.status === 400) {
          throw invalidInput(elementErrors(refused.detail), refused.detail);
        }
        throw engineUnavailable();
      }
      return deploymentOf(answer);
    },
  };
}
