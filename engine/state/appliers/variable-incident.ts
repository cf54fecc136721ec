import type { Incident } from '../types';
import type { Applier } from './applier';

export interface VariableRecordValue {
  name: string;
  /** JSON text, as Zeebe records variable values. */
  value: string;
  scopeKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  tenantId: string;
}

const setVariable: Applier = (state, record) => {
  const v = record.value as VariableRecordValue;
  let scope = state.variables.get(v.scopeKey);
  if (!scope) state.variables.set(v.scopeKey, (scope = new Map()));
  scope.set(v.name, { key: record.key, value: JSON.parse(v.value) as unknown });
};

const incidentCreated: Applier = (state, record) => {
  const incident = { ...(record.value as Omit<Incident, 'key'>), key: record.key };
  state.incidents.set(record.key, incident);
  const element = state.elementInstances.get(incident.elementInstanceKey);
  if (element) element.incidentKey = record.key;
};

const incidentResolved: Applier = (state, record) => {
  const incident = state.incidents.get(record.key);
  if (!incident) return;
  state.incidents.delete(record.key);
  const element = state.elementInstances.get(incident.elementInstanceKey);
  if (element?.incidentKey === record.key) delete element.incidentKey;
  // A job incident is resolved (after its retries were raised, or for an uncaught BPMN error):
  // the job may run again.
  const job = state.jobs.get(incident.jobKey);
  if (job && (job.state === 'FAILED' || job.state === 'ERROR_THROWN') && job.retries > 0) {
    job.state = 'ACTIVATABLE';
    state.markActivatable(job);
  }
  // A task listener's expression failed: the whole transition runs again, from its first
  // listener (Camunda 8.8, "User task listeners", incident recovery).
  const task = incident.jobKey === '-1' ? state.userTaskOf(incident.elementInstanceKey) : undefined;
  if (task && task.state !== 'CREATED') task.listenerIndex = 0;
};

export const variableAppliers: Record<string, Applier> = {
  'VARIABLE:CREATED': setVariable,
  'VARIABLE:UPDATED': setVariable,
};

export const incidentAppliers: Record<string, Applier> = {
  'INCIDENT:CREATED': incidentCreated,
  'INCIDENT:RESOLVED': incidentResolved,
};
