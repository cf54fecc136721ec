import type { Knex } from 'knex';
import type { Log } from '../../platform';
import { readProcessResources, type ProcessResource } from './process-resources';

/** The part of the SDK's REST client (`CamundaRestClient`) that deployment uses. */
export interface DeploymentApi {
  deployResources(
    resources: { content: string; name: string }[],
  ): Promise<{ deploymentKey: string }>;
  searchProcessDefinitions(request: {
    filter: { processDefinitionId?: string };
    page?: { limit?: number };
  }): Promise<{ items: Array<{ processDefinitionId: string }> }>;
}

export interface DeployOptions {
  knex: Knex;
  api: DeploymentApi;
  /** Which engine the rows are about: `embedded`, or a cluster's REST address. */
  engine: string;
  /** Folder of `.bpmn`, `.dmn` and `.form` files (subfolders included). */
  dir: string;
  log: Log;
}

export interface DeployOutcome {
  /** Resource names deployed now; empty when everything was deployed already. */
  deployed: string[];
  unchanged: number;
  deploymentKey?: string;
}

/**
 * Deploys the files of `dir` that changed since they were last deployed to this engine, in
 * one deployment (all or nothing), through the SDK — so the same works against a Camunda
 * cluster. The SHA-256 of each file is remembered in `process_deployments`. When nothing
 * changed, the engine is still asked whether it knows every process deployed before (a
 * cluster may have been reset); if it forgot one, everything is deployed again.
 */
export async function deployChangedProcesses(options: DeployOptions): Promise<DeployOutcome> {
  const { knex, api, engine, dir, log } = options;
  const resources = readProcessResources(dir);
  if (resources.length === 0) {
    log(`no process models (.bpmn, .dmn, .form) in ${dir}: nothing to deploy`);
    return { deployed: [], unchanged: 0 };
  }
  const rows = await knex('process_deployments')
    .where({ engine })
    .select<Array<{ resource_name: string; content_sha256: string }>>(
      'resource_name',
      'content_sha256',
    );
  const known = new Map(rows.map((row) => [row.resource_name, row.content_sha256]));
  let changed = resources.filter((resource) => known.get(resource.name) !== resource.sha256);
  if (changed.length === 0) {
    const forgotten = await processesTheEngineLacks(api, resources, log);
    if (forgotten.length === 0) {
      log(`processes unchanged since their last deployment (${resources.length} files)`);
      return { deployed: [], unchanged: resources.length };
    }
    log(`the engine does not know ${forgotten.join(', ')}: deploying every file again`);
    changed = resources;
  }
  const response = await api
    .deployResources(
      changed.map((resource) => ({ name: resource.name, content: resource.content })),
    )
    .catch((error: unknown) => {
      throw new Error(
        `the engine refused to deploy ${changed.map((r) => r.name).join(', ')} from ${dir}: ` +
          describeRejection(error),
        { cause: error },
      );
    });
  await remember(knex, engine, changed, response.deploymentKey);
  log(
    `deployed ${changed.length} file(s) (deployment ${response.deploymentKey}): ` +
      changed.map((resource) => resource.name).join(', '),
  );
  return {
    deployed: changed.map((resource) => resource.name),
    unchanged: resources.length - changed.length,
    deploymentKey: response.deploymentKey,
  };
}

async function processesTheEngineLacks(
  api: DeploymentApi,
  resources: ProcessResource[],
  log: Log,
): Promise<string[]> {
  const lacking: string[] = [];
  try {
    for (const processDefinitionId of resources.flatMap((resource) => resource.processIds)) {
      const found = await api.searchProcessDefinitions({
        filter: { processDefinitionId },
        page: { limit: 1 },
      });
      if (found.items.length === 0) lacking.push(processDefinitionId);
    }
  } catch (error) {
    // Searching is optional for the decision: without it, the remembered hashes decide.
    log(`could not check the engine's process definitions (${(error as Error).message})`);
    return [];
  }
  return lacking;
}

async function remember(
  knex: Knex,
  engine: string,
  resources: ProcessResource[],
  deploymentKey: string,
): Promise<void> {
  await knex('process_deployments')
    .insert(
      resources.map((resource) => ({
        engine,
        resource_name: resource.name,
        content_sha256: resource.sha256,
        deployment_key: deploymentKey,
        process_ids: resource.processIds,
        deployed_at: knex.fn.now(),
      })),
    )
    .onConflict(['engine', 'resource_name'])
    .merge();
}

/** The engine's own words for a refused deployment (RFC 9457 `detail`), else the error's. */
function describeRejection(error: unknown): string {
  const body = (error as { response?: { body?: unknown } }).response?.body;
  if (typeof body === 'string') {
    try {
      const problem = JSON.parse(body) as { detail?: unknown };
      if (typeof problem.detail === 'string') return problem.detail;
    } catch {
      // not JSON: fall through
    }
  }
  return error instanceof Error ? error.message : String(error);
}
