import { Router } from 'express';
import type { RestContext } from '../context';
import { sendRejection } from '../problem';
import type { SearchSpec } from './search-query';
import {
  findByKey,
  isoDate,
  keyParam,
  processNameSql,
  searchHandler,
  type Row,
} from './search-route';

/**
 * A process instance has an incident while any of its incidents is unresolved. Its process
 * definition name falls back to the process id when the process has no name, as Camunda's
 * exporter writes it.
 */
const PROCESS_INSTANCES: SearchSpec = {
  from: `(SELECT p.*, ${processNameSql('p')} AS definition_name,
            EXISTS (SELECT 1 FROM engine.incidents i
                    WHERE i.process_instance_key = p.key AND i.state = 'ACTIVE') AS has_incident
          FROM engine.process_instances p
          LEFT JOIN engine.process_definitions d ON d.key = p.process_definition_key) s`,
  key: 'key',
  fields: {
    processInstanceKey: { column: 'key', kind: 'key' },
    processDefinitionKey: { column: 'process_definition_key', kind: 'key' },
    processDefinitionId: { column: 'bpmn_process_id', kind: 'string' },
    processDefinitionName: { column: 'definition_name', kind: 'string' },
    processDefinitionVersion: { column: 'version', kind: 'number' },
    state: { column: 'state', kind: 'string' },
    startDate: { column: 'start_date', kind: 'date' },
    endDate: { column: 'end_date', kind: 'date' },
    parentProcessInstanceKey: { column: 'parent_process_instance_key', kind: 'key' },
    parentElementInstanceKey: { column: 'parent_element_instance_key', kind: 'key' },
    tenantId: { column: 'tenant_id', kind: 'string' },
    hasIncident: { column: 'has_incident', kind: 'boolean' },
  },
};

/** '-1' is the log's "none"; the REST API leaves such keys out. */
function optionalKey(value: unknown): unknown {
  return value === '-1' ? undefined : value;
}

function item(row: Row) {
  return {
    processInstanceKey: row.key,
    processDefinitionKey: row.process_definition_key,
    processDefinitionId: row.bpmn_process_id,
    processDefinitionName: row.definition_name,
    processDefinitionVersion: row.version,
    startDate: isoDate(row.start_date),
    endDate: isoDate(row.end_date),
    state: row.state,
    hasIncident: row.has_incident,
    tenantId: row.tenant_id,
    parentProcessInstanceKey: optionalKey(row.parent_process_instance_key),
    parentElementInstanceKey: optionalKey(row.parent_element_instance_key),
  };
}

/**
 * `POST /v2/process-instances/search`, `GET /v2/process-instances/{key}` (both from the
 * search tables) and `POST /v2/process-instances/{key}/cancellation` (a CANCEL command; 204).
 */
export function processInstancesRouter(context: RestContext): Router {
  const router = Router();
  router.post('/process-instances/search', searchHandler(context, PROCESS_INSTANCES, item));
  router.get('/process-instances/:processInstanceKey', async (req, res) => {
    const key = keyParam(req, res, 'processInstanceKey');
    if (key === undefined) return;
    const row = await findByKey(context, req, res, PROCESS_INSTANCES, 'Process instance', key);
    if (row) res.json(item(row));
  });
  router.post('/process-instances/:processInstanceKey/cancellation', async (req, res) => {
    const key = keyParam(req, res, 'processInstanceKey');
    if (key === undefined) return;
    const result = await context.service.cancelProcessInstance(key);
    if (!result.ok) return sendRejection(req, res, result);
    res.status(204).end();
  });
  return router;
}
