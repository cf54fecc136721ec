import { Router } from 'express';
import type { RestContext } from '../context';
import { invalidArgument, sendRejection } from '../problem';
import type { SearchSpec } from './search-query';
import {
  elementNameSql,
  findByKey,
  isoDate,
  keyParam,
  searchHandler,
  type Row,
} from './search-route';

/**
 * An element instance has an incident while one of its incidents is unresolved. Its name is
 * the element's name in the deployed model, or its id when it has none (as Camunda answers).
 */
const ELEMENT_INSTANCES: SearchSpec = {
  from: `(SELECT e.*, i.key AS incident_key, i.key IS NOT NULL AS has_incident,
            ${elementNameSql('e')} AS element_name
          FROM engine.element_instances e
          LEFT JOIN engine.process_definitions d ON d.key = e.process_definition_key
          LEFT JOIN LATERAL (SELECT key FROM engine.incidents
            WHERE element_instance_key = e.key AND state = 'ACTIVE' ORDER BY key LIMIT 1) i ON true) s`,
  key: 'key',
  fields: {
    elementInstanceKey: { column: 'key', kind: 'key' },
    processInstanceKey: { column: 'process_instance_key', kind: 'key' },
    processDefinitionKey: { column: 'process_definition_key', kind: 'key' },
    processDefinitionId: { column: 'bpmn_process_id', kind: 'string' },
    elementId: { column: 'element_id', kind: 'string' },
    elementName: { column: 'element_name', kind: 'string' },
    type: { column: 'type', kind: 'string' },
    state: { column: 'state', kind: 'string' },
    startDate: { column: 'start_date', kind: 'date' },
    endDate: { column: 'end_date', kind: 'date' },
    tenantId: { column: 'tenant_id', kind: 'string' },
    hasIncident: { column: 'has_incident', kind: 'boolean' },
    incidentKey: { column: 'incident_key', kind: 'key' },
  },
};

function item(row: Row) {
  return {
    elementInstanceKey: row.key,
    processInstanceKey: row.process_instance_key,
    processDefinitionKey: row.process_definition_key,
    processDefinitionId: row.bpmn_process_id,
    elementId: row.element_id,
    elementName: row.element_name,
    type: row.type,
    state: row.state,
    startDate: isoDate(row.start_date),
    endDate: isoDate(row.end_date),
    hasIncident: row.has_incident,
    incidentKey: row.incident_key ?? null,
    tenantId: row.tenant_id,
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `POST /v2/element-instances/search`, `GET /v2/element-instances/{key}`, and
 * `PUT /v2/element-instances/{key}/variables {variables, local}` (204): the engine's
 * VARIABLE_DOCUMENT UPDATE, the same command as the gRPC SetVariables — merged into the scopes
 * that already hold each name (the instance's own when none does), or into the element
 * instance's own scope with `local: true`.
 */
export function elementInstancesRouter(context: RestContext): Router {
  const router = Router();
  router.post('/element-instances/search', searchHandler(context, ELEMENT_INSTANCES, item));
  router.get('/element-instances/:elementInstanceKey', async (req, res) => {
    const key = keyParam(req, res, 'elementInstanceKey');
    if (key === undefined) return;
    const row = await findByKey(context, req, res, ELEMENT_INSTANCES, 'Element instance', key);
    if (row) res.json(item(row));
  });
  router.put('/element-instances/:elementInstanceKey/variables', async (req, res) => {
    const key = keyParam(req, res, 'elementInstanceKey');
    if (key === undefined) return;
    const body: unknown = req.body ?? {};
    if (!isObject(body))
      return invalidArgument(req, res, 'The request body must be a JSON object.');
    if (body.variables === undefined || body.variables === null)
      return invalidArgument(req, res, 'No variables provided.');
    if (!isObject(body.variables))
      return invalidArgument(req, res, 'The value for variables must be a JSON object.');
    if (body.local !== undefined && body.local !== null && typeof body.local !== 'boolean')
      return invalidArgument(req, res, 'The value for local must be a boolean.');
    const result = await context.service.setVariables(key, body.variables, body.local === true);
    if (!result.ok) return sendRejection(req, res, result);
    res.status(204).end();
  });
  return router;
}
