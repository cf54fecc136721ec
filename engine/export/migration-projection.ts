import type { LoggedRecord } from '../protocol/records';
import type { Incident, ProcessInstanceValue } from '../state/types';
import type { TableRows } from './table-rows';

/*
 * A process instance migration moves rows that already exist to the target process definition:
 * only the definition columns change (the state, dates and scope stay as they were).
 */

const MOVE_DEFINITION =
  'process_definition_key = EXCLUDED.process_definition_key, bpmn_process_id = EXCLUDED.bpmn_process_id';

export function projectMigrations(records: LoggedRecord[]): TableRows[] {
  const instances: TableRows = {
    table: 'process_instances',
    columns: [
      'key',
      'process_definition_key',
      'bpmn_process_id',
      'version',
      'state',
      'parent_process_instance_key',
      'parent_element_instance_key',
      'tenant_id',
    ],
    onConflict: `${MOVE_DEFINITION}, version = EXCLUDED.version`,
    rows: new Map(),
  };
  const elements: TableRows = {
    table: 'element_instances',
    columns: [
      'key',
      'process_instance_key',
      'process_definition_key',
      'bpmn_process_id',
      'element_id',
      'type',
      'state',
      'tenant_id',
      'flow_scope_key',
    ],
    onConflict: `${MOVE_DEFINITION}, element_id = EXCLUDED.element_id`,
    rows: new Map(),
  };
  const incidents: TableRows = {
    table: 'incidents',
    columns: [
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
    onConflict: `${MOVE_DEFINITION}, element_id = EXCLUDED.element_id`,
    rows: new Map(),
  };
  for (const record of records) {
    if (record.recordType !== 'EVENT') continue;
    if (record.valueType === 'PROCESS_INSTANCE' && record.intent === 'ELEMENT_MIGRATED') {
      const v = record.value as ProcessInstanceValue;
      const common = {
        key: record.key,
        process_definition_key: v.processDefinitionKey,
        bpmn_process_id: v.bpmnProcessId,
        state: 'ACTIVE',
        tenant_id: v.tenantId,
      };
      if (v.bpmnElementType === 'PROCESS') {
        instances.rows.set(record.key, {
          ...common,
          version: v.version,
          parent_process_instance_key: v.parentProcessInstanceKey,
          parent_element_instance_key: v.parentElementInstanceKey,
        });
      }
      elements.rows.set(record.key, {
        ...common,
        process_instance_key: v.processInstanceKey,
        element_id: v.elementId,
        type: v.bpmnElementType,
        flow_scope_key: v.flowScopeKey,
      });
    } else if (record.valueType === 'INCIDENT' && record.intent === 'MIGRATED') {
      const v = record.value as Incident;
      incidents.rows.set(record.key, {
        key: record.key,
        error_type: v.errorType,
        error_message: v.errorMessage,
        bpmn_process_id: v.bpmnProcessId,
        process_definition_key: v.processDefinitionKey,
        process_instance_key: v.processInstanceKey,
        element_id: v.elementId,
        element_instance_key: v.elementInstanceKey,
        job_key: v.jobKey,
        state: 'ACTIVE',
        creation_time: new Date(record.timestamp),
        tenant_id: v.tenantId,
      });
    }
  }
  return [instances, elements, incidents];
}
