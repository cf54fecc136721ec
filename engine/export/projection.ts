import type { LoggedRecord } from '../protocol/records';
import type { DeployedProcess, Incident, ProcessInstanceValue } from '../state/types';
import type { VariableRecordValue } from '../state/appliers';
import type { Row, TableRows } from './table-rows';
import { projectMigrations } from './migration-projection';
import { projectDeployedResources } from './deployment-projection';
import { projectUserTasks } from './user-task-projection';

const ENDED = new Set(['ELEMENT_COMPLETED', 'ELEMENT_TERMINATED']);
const INSTANCE_CONFLICT =
  'state = EXCLUDED.state, start_date = COALESCE(t.start_date, EXCLUDED.start_date), end_date = COALESCE(EXCLUDED.end_date, t.end_date)';

function table(name: string, columns: string[], onConflict: string): TableRows {
  return { table: name, columns, onConflict, rows: new Map() };
}

/**
 * Keeps the first start and the newest state and end, as the ON CONFLICT clause does. The
 * batch's row is updated in place (rows are made for this batch only): an element instance
 * has several events in most batches.
 */
function merge(rows: Map<string, Row>, row: Row): void {
  const before = rows.get(row.key as string);
  if (!before) return void rows.set(row.key as string, row);
  const { start_date: startDate, end_date: endDate, creation_time: creationTime } = before;
  Object.assign(before, row);
  if ('start_date' in row) before.start_date = startDate ?? row.start_date;
  if ('end_date' in row) before.end_date = row.end_date ?? endDate;
  if ('creation_time' in row) before.creation_time = creationTime;
}

function instanceState(intent: string): string {
  if (intent === 'ELEMENT_COMPLETED') return 'COMPLETED';
  if (intent === 'ELEMENT_TERMINATED') return 'TERMINATED';
  return 'ACTIVE';
}

/** The names of a process's elements that have one, by element id. */
function elementNames(p: DeployedProcess): Record<string, string> {
  const names: Record<string, string> = {};
  for (const element of Object.values(p.executable.elements)) {
    if (element.name) names[element.id] = element.name;
  }
  return names;
}

/**
 * Turns a committed batch's events into search rows (what Camunda's exporters write to its
 * secondary storage). Commands and rejections change nothing a search can see.
 */
export function project(records: LoggedRecord[]): TableRows[] {
  const definitions = table(
    'process_definitions',
    [
      'key',
      'bpmn_process_id',
      'version',
      'name',
      'resource_name',
      'deployment_key',
      'tenant_id',
      'xml',
      'element_names',
      'version_tag',
    ],
    '',
  );
  const instances = table(
    'process_instances',
    [
      'key',
      'process_definition_key',
      'bpmn_process_id',
      'version',
      'state',
      'start_date',
      'end_date',
      'parent_process_instance_key',
      'parent_element_instance_key',
      'tenant_id',
    ],
    INSTANCE_CONFLICT,
  );
  const elements = table(
    'element_instances',
    [
      'key',
      'process_instance_key',
      'process_definition_key',
      'bpmn_process_id',
      'element_id',
      'type',
      'state',
      'start_date',
      'end_date',
      'tenant_id',
      'flow_scope_key',
    ],
    INSTANCE_CONFLICT,
  );
  const variables = table(
    'variables',
    ['key', 'name', 'value', 'scope_key', 'process_instance_key', 'tenant_id'],
    'value = EXCLUDED.value',
  );
  const incidents = table(
    'incidents',
    [
      'key',
      'error_type',
      'error_message',
      'bpmn_process_id',
      'process_definition_key',
      'process_instance_key',
      'element_id',
      'element_instance_key',
      'job_key',
      'state',
      'creation_time',
      'tenant_id',
    ],
    'state = EXCLUDED.state',
  );
  const tenants = new Map<string, string>();
  for (const record of records) {
    if (record.recordType !== 'EVENT') continue;
    const at = new Date(record.timestamp);
    const kind = `${record.valueType}:${record.intent}`;
    if (kind === 'PROCESS:CREATED') {
      const p = record.value as DeployedProcess;
      merge(definitions.rows, {
        key: p.key,
        bpmn_process_id: p.bpmnProcessId,
        version: p.version,
        name: p.executable.name ?? null,
        resource_name: p.resourceName,
        deployment_key: p.deploymentKey,
        tenant_id: '<default>',
        xml: p.xml,
        element_names: JSON.stringify(elementNames(p)),
        version_tag: p.executable.versionTag ?? null,
      });
    } else if (kind === 'DEPLOYMENT:CREATED') {
      tenants.set(record.key, (record.value as { tenantId: string }).tenantId);
    } else if (record.valueType === 'PROCESS_INSTANCE' && record.intent.startsWith('ELEMENT_')) {
      const v = record.value as ProcessInstanceValue;
      // Written out field by field (no spread of shared fields): every element event passes here.
      const state = instanceState(record.intent);
      const startDate = record.intent === 'ELEMENT_ACTIVATING' ? at : null;
      const endDate = ENDED.has(record.intent) ? at : null;
      if (v.bpmnElementType === 'PROCESS') {
        merge(instances.rows, {
          key: record.key,
          state,
          start_date: startDate,
          end_date: endDate,
          process_definition_key: v.processDefinitionKey,
          bpmn_process_id: v.bpmnProcessId,
          tenant_id: v.tenantId,
          version: v.version,
          parent_process_instance_key: v.parentProcessInstanceKey,
          parent_element_instance_key: v.parentElementInstanceKey,
        });
      }
      merge(elements.rows, {
        key: record.key,
        state,
        start_date: startDate,
        end_date: endDate,
        process_definition_key: v.processDefinitionKey,
        bpmn_process_id: v.bpmnProcessId,
        tenant_id: v.tenantId,
        process_instance_key: v.processInstanceKey,
        element_id: v.elementId,
        type: v.bpmnElementType,
        // The scope the element runs in (-1 for a process): the chain of visible variables.
        flow_scope_key: v.flowScopeKey,
      });
    } else if (record.valueType === 'VARIABLE') {
      const v = record.value as VariableRecordValue;
      merge(variables.rows, {
        key: record.key,
        name: v.name,
        value: v.value,
        scope_key: v.scopeKey,
        process_instance_key: v.processInstanceKey,
        tenant_id: v.tenantId,
      });
    } else if (kind === 'INCIDENT:CREATED' || kind === 'INCIDENT:RESOLVED') {
      const v = record.value as Incident;
      merge(incidents.rows, {
        key: record.key,
        error_type: v.errorType,
        error_message: v.errorMessage,
        bpmn_process_id: v.bpmnProcessId,
        process_definition_key: v.processDefinitionKey,
        process_instance_key: v.processInstanceKey,
        element_id: v.elementId,
        element_instance_key: v.elementInstanceKey,
        job_key: v.jobKey,
        state: record.intent === 'CREATED' ? 'ACTIVE' : 'RESOLVED',
        creation_time: at,
        tenant_id: v.tenantId,
      });
    }
  }
  for (const row of definitions.rows.values()) {
    row.tenant_id = tenants.get(row.deployment_key as string) ?? row.tenant_id;
  }
  return [
    definitions,
    instances,
    elements,
    variables,
    incidents,
    projectUserTasks(records),
    ...projectMigrations(records),
    ...projectDeployedResources(records),
  ];
}
