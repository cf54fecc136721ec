import { Router } from 'express';
import type { RestContext } from '../context';
import { sendRejection } from '../problem';
import type { SearchSpec } from './search-query';
import { findByKey, isoDate, keyParam, searchHandler, type Row } from './search-route';

const INCIDENTS: SearchSpec = {
  from: 'engine.incidents s',
  key: 'key',
  fields: {
    incidentKey: { column: 'key', kind: 'key' },
    processDefinitionKey: { column: 'process_definition_key', kind: 'key' },
    processDefinitionId: { column: 'bpmn_process_id', kind: 'string' },
    processInstanceKey: { column: 'process_instance_key', kind: 'key' },
    errorType: { column: 'error_type', kind: 'string' },
    errorMessage: { column: 'error_message', kind: 'string' },
    elementId: { column: 'element_id', kind: 'string' },
    elementInstanceKey: { column: 'element_instance_key', kind: 'key' },
    jobKey: { column: 'job_key', kind: 'key' },
    state: { column: 'state', kind: 'string' },
    creationTime: { column: 'creation_time', kind: 'date' },
    tenantId: { column: 'tenant_id', kind: 'string' },
  },
};

function item(row: Row) {
  return {
    incidentKey: row.key,
    processDefinitionKey: row.process_definition_key,
    processDefinitionId: row.bpmn_process_id,
    processInstanceKey: row.process_instance_key,
    errorType: row.error_type,
    errorMessage: row.error_message,
    elementId: row.element_id,
    elementInstanceKey: row.element_instance_key,
    jobKey: row.job_key === '-1' ? null : row.job_key,
    state: row.state,
    creationTime: isoDate(row.creation_time),
    tenantId: row.tenant_id,
  };
}

/**
 * `POST /v2/incidents/search`, `GET /v2/incidents/{key}` (search tables) and
 * `POST /v2/incidents/{key}/resolution` (an INCIDENT RESOLVE command; 204).
 */
export function incidentsRouter(context: RestContext): Router {
  const router = Router();
  router.post('/incidents/search', searchHandler(context, INCIDENTS, item));
  router.get('/incidents/:incidentKey', async (req, res) => {
    const key = keyParam(req, res, 'incidentKey');
    if (key === undefined) return;
    const row = await findByKey(context, req, res, INCIDENTS, 'Incident', key);
    if (row) res.json(item(row));
  });
  router.post('/incidents/:incidentKey/resolution', async (req, res) => {
    const key = keyParam(req, res, 'incidentKey');
    if (key === undefined) return;
    const result = await context.service.resolveIncident(key);
    if (!result.ok) return sendRejection(req, res, result);
    res.status(204).end();
  });
  return router;
}
