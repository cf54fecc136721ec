import type { IncidentErrorType, Incident } from '../../state/types';
import type { ElementContext } from '../element-context';

/** Raises an incident on the element instance; the instance waits until it is resolved. */
export function raiseIncident(
  ec: ElementContext,
  errorType: IncidentErrorType,
  errorMessage: string,
  jobKey = '-1',
): void {
  const value: Omit<Incident, 'key'> = {
    errorType,
    errorMessage,
    bpmnProcessId: ec.value.bpmnProcessId,
    processDefinitionKey: ec.value.processDefinitionKey,
    processInstanceKey: ec.value.processInstanceKey,
    elementId: ec.value.elementId,
    elementInstanceKey: ec.key,
    jobKey,
    variableScopeKey: ec.key,
    tenantId: ec.value.tenantId,
  };
  ec.ctx.event('INCIDENT', 'CREATED', ec.ctx.nextKey(), value, ec.value.processInstanceKey);
}

/** Resolves the incidents of an element instance that is being terminated. */
export function resolveIncidentsOf(ec: ElementContext): void {
  for (const incident of [...ec.ctx.state.incidents.values()]) {
    if (incident.elementInstanceKey === ec.key) {
      ec.ctx.event('INCIDENT', 'RESOLVED', incident.key, incident, ec.value.processInstanceKey);
    }
  }
}
