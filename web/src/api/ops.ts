import { queryString, request } from './http';
import type { Page } from './types';

/** An engine incident as `GET /api/ops/incidents` lists it. */
export interface Incident {
  key: string;
  errorType: string;
  errorMessage: string;
  state: string;
  elementId: string;
  elementName: string | null;
  elementInstanceKey: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersion: number | null;
  processInstanceKey: string;
  jobKey: string | null;
  creationTime: string | null;
  demandCode: string | null;
}

/** A variable the incident's element sees; personal data is never sent (`masked`). */
export interface IncidentVariable {
  name: string;
  value: unknown;
  masked: boolean;
  truncated: boolean;
  scopeKey: string;
  scope: 'element' | 'subprocess' | 'process';
}

/** A task or event of the stuck element's scope the instance can be moved to. */
export interface MoveTarget {
  elementId: string;
  name: string | null;
}

export interface IncidentDetail extends Incident {
  variables: IncidentVariable[];
  moveTargets: MoveTarget[];
}

export interface IncidentQuery {
  state?: 'active' | 'resolved' | 'all';
  processDefinitionId?: string;
  page?: number;
  pageSize?: number;
}

/** `GET /api/ops/incidents`: one page of the incidents the caller may see. */
export function listIncidents(query: IncidentQuery): Promise<{ items: Incident[]; page: Page }> {
  return request('GET', `/ops/incidents${queryString({ ...query })}`);
}

/** `GET /api/ops/incidents/{key}`: the incident and the variables at its element. */
export function getIncident(key: string): Promise<IncidentDetail> {
  return request('GET', `/ops/incidents/${encodeURIComponent(key)}`);
}

/** `POST /api/ops/incidents/{key}/retry`: sets the variables given, then retries (204). */
export function retryIncident(key: string, variables: Record<string, unknown>): Promise<void> {
  const body = Object.keys(variables).length > 0 ? { variables } : {};
  return request('POST', `/ops/incidents/${encodeURIComponent(key)}/retry`, body);
}

/** `POST /api/ops/incidents/{key}/move`: ends the stuck element, runs the chosen one (204). */
export function moveIncident(key: string, targetElementId: string): Promise<void> {
  return request('POST', `/ops/incidents/${encodeURIComponent(key)}/move`, { targetElementId });
}
