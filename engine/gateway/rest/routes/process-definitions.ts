import { Router } from 'express';
import type { RestContext } from '../context';
import type { SearchSpec } from './search-query';
import { findByKey, keyParam, searchHandler, type Row } from './search-route';

export const PROCESS_DEFINITIONS: SearchSpec = {
  from: `(SELECT d.key, d.bpmn_process_id, d.version, d.name, d.resource_name, d.tenant_id, d.xml,
            d.version_tag,
            d.version = max(d.version) OVER (PARTITION BY d.bpmn_process_id, d.tenant_id) AS is_latest
          FROM engine.process_definitions d) s`,
  key: 'key',
  fields: {
    processDefinitionKey: { column: 'key', kind: 'key' },
    processDefinitionId: { column: 'bpmn_process_id', kind: 'string' },
    name: { column: 'name', kind: 'string' },
    version: { column: 'version', kind: 'number' },
    versionTag: { column: 'version_tag', kind: 'string' },
    resourceName: { column: 'resource_name', kind: 'string' },
    tenantId: { column: 'tenant_id', kind: 'string' },
    isLatestVersion: { column: 'is_latest', kind: 'boolean' },
  },
};

function item(row: Row) {
  return {
    processDefinitionKey: row.key,
    processDefinitionId: row.bpmn_process_id,
    name: row.name ?? null,
    version: row.version,
    versionTag: row.version_tag ?? null,
    resourceName: row.resource_name,
    tenantId: row.tenant_id,
    hasStartForm: false,
  };
}

/**
 * `POST /v2/process-definitions/search`, `GET /v2/process-definitions/{key}` and
 * `GET /v2/process-definitions/{key}/xml` (the deployed BPMN as text/xml), from the exported
 * search tables.
 */
export function processDefinitionsRouter(context: RestContext): Router {
  const router = Router();
  router.post('/process-definitions/search', searchHandler(context, PROCESS_DEFINITIONS, item));
  router.get('/process-definitions/:processDefinitionKey', async (req, res) => {
    const key = keyParam(req, res, 'processDefinitionKey');
    if (key === undefined) return;
    const row = await findByKey(context, req, res, PROCESS_DEFINITIONS, 'Process definition', key);
    if (row) res.json(item(row));
  });
  router.get('/process-definitions/:processDefinitionKey/xml', async (req, res) => {
    const key = keyParam(req, res, 'processDefinitionKey');
    if (key === undefined) return;
    const row = await findByKey(context, req, res, PROCESS_DEFINITIONS, 'Process definition', key);
    if (row) res.type('text/xml').send(row.xml);
  });
  return router;
}
