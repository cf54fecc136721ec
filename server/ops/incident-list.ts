import type { Knex } from 'knex';
import { invalidInput, type FieldError } from '../http';
import { demandsOfInstances, type IncidentDemand } from './incident-demands';
import { isIncidentInScope, type OpsScope } from './ops-access';
import type { EngineIncident, OpsEngine } from './ops-engine';

/** The most incidents one list reads from the engine before scoping and paging them. */
export const MAX_INCIDENTS_PER_LIST = 2_000;

const STATES: Record<string, string | undefined> = {
  active: 'ACTIVE',
  resolved: 'RESOLVED',
  all: undefined,
};

export interface IncidentListQuery {
  state: keyof typeof STATES;
  processDefinitionId: string | null;
  page: number;
  pageSize: number;
}

/** An incident as the API answers it. */
export interface IncidentItem {
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
  /** The code of the demand the instance works on (or that called it); null for none. */
  demandCode: string | null;
}

export function parseIncidentListQuery(query: Record<string, unknown>): IncidentListQuery {
  const errors: FieldError[] = [];
  const one = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : '');
  const state = one('state') || 'active';
  if (!(state in STATES)) errors.push({ field: 'state', message: 'Use active, resolved or all.' });
  const processDefinitionId = one('processDefinitionId') || null;
  if (processDefinitionId !== null && !/^[A-Za-z_][\w.-]{0,254}$/.test(processDefinitionId)) {
    errors.push({ field: 'processDefinitionId', message: 'Not a process id.' });
  }
  const number = (name: string, fallback: number, max: number) => {
    const raw = one(name);
    if (raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < 1 || value > max) {
      errors.push({ field: name, message: `A whole number from 1 to ${max}.` });
    }
    return value;
  };
  const page = number('page', 1, 100_000);
  const pageSize = number('pageSize', 20, 100);
  if (errors.length > 0) throw invalidInput(errors);
  return { state: state as IncidentListQuery['state'], processDefinitionId, page, pageSize };
}

/** The API's view of engine incidents: element names, versions and demand codes added. */
export async function incidentItems(
  engine: OpsEngine,
  incidents: EngineIncident[],
  demands: Map<string, IncidentDemand>,
): Promise<IncidentItem[]> {
  return Promise.all(
    incidents.map(async (incident) => {
      const definition = await engine
        .definition(incident.processDefinitionKey)
        .catch(() => undefined);
      return {
        key: incident.key,
        errorType: incident.errorType,
        errorMessage: incident.errorMessage,
        state: incident.state,
        elementId: incident.elementId,
        elementName: definition?.names.get(incident.elementId) ?? null,
        elementInstanceKey: incident.elementInstanceKey,
        processDefinitionId: incident.processDefinitionId,
        processDefinitionKey: incident.processDefinitionKey,
        processDefinitionVersion: definition?.version ?? null,
        processInstanceKey: incident.processInstanceKey,
        jobKey: incident.jobKey,
        creationTime: incident.creationTime,
        demandCode: demands.get(incident.processInstanceKey)?.code ?? null,
      };
    }),
  );
}

/**
 * `GET /ops/incidents`: the engine's incidents, newest first, narrowed to the caller's scope
 * and paged by the server (at most `MAX_INCIDENTS_PER_LIST` are read).
 */
export async function listIncidents(
  knex: Knex,
  engine: OpsEngine,
  scope: OpsScope,
  query: IncidentListQuery,
) {
  const filter: Record<string, unknown> = {};
  const state = STATES[query.state];
  if (state) filter.state = state;
  if (query.processDefinitionId) filter.processDefinitionId = query.processDefinitionId;
  const incidents = await engine.searchIncidents(filter, MAX_INCIDENTS_PER_LIST);
  const demands = await demandsOfInstances(
    knex,
    engine,
    incidents.map((incident) => incident.processInstanceKey),
  );
  const visible = incidents.filter((incident) =>
    isIncidentInScope(scope, demands.get(incident.processInstanceKey)?.districtCode ?? null),
  );
  const from = (query.page - 1) * query.pageSize;
  return {
    items: await incidentItems(engine, visible.slice(from, from + query.pageSize), demands),
    page: { total: visible.length, page: query.page, pageSize: query.pageSize },
  };
}
