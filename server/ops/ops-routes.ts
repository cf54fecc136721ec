import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { staffOf, type StaffGuards } from '../auth';
import { EngineRefusal, engineUnavailable } from '../camunda';
import { auditAs, HttpProblem, jsonBody, noteAudit, PROBLEM_TYPES, route } from '../http';
import { demandsOfInstances } from './incident-demands';
import { moveIncident, parseMoveTarget } from './incident-move';
import { incidentItems, listIncidents, parseIncidentListQuery } from './incident-list';
import { variablesAtIncident } from './incident-variables';
import { isIncidentInScope, opsScopeOf } from './ops-access';
import { moveTargetsOf } from './move-targets';
import type { EngineIncident, OpsEngine } from './ops-engine';
import { parseRetryInput } from './retry-input';

export interface OpsRoutesOptions {
  knex: Knex;
  guards: StaffGuards;
  jsonBodyLimit: string;
  /** Absent (no engine client): every route answers 503 `engine-unavailable`. */
  engine: OpsEngine | undefined;
}

const notFound = () => new HttpProblem({ status: 404, detail: 'There is no such incident.' });

/**
 * Operations (运维), as Camunda Operate's incident view: `GET /ops/incidents`,
 * `GET /ops/incidents/{key}`, `POST /ops/incidents/{key}/retry` and
 * `POST /ops/incidents/{key}/move`.
 */
export function opsRouter(options: OpsRoutesOptions): Router {
  const { knex, guards } = options;
  const router = Router();
  const engineOf = (): OpsEngine => {
    if (!options.engine) throw engineUnavailable();
    return options.engine;
  };

  /** The incident, when it exists and lies in the caller's scope (else 404). */
  async function scopedIncident(res: Response, key: string) {
    const scope = opsScopeOf(staffOf(res));
    const engine = engineOf();
    const incident = await engine.getIncident(key);
    if (!incident) throw notFound();
    const demands = await demandsOfInstances(knex, engine, [incident.processInstanceKey]);
    const demand = demands.get(incident.processInstanceKey);
    if (!isIncidentInScope(scope, demand?.districtCode ?? null)) throw notFound();
    return { engine, incident, demands };
  }

  const list = async (req: Request, res: Response) => {
    const scope = opsScopeOf(staffOf(res));
    const query = parseIncidentListQuery(req.query as Record<string, unknown>);
    res.json(await listIncidents(knex, engineOf(), scope, query));
  };

  const detail = async (req: Request, res: Response) => {
    const { engine, incident, demands } = await scopedIncident(res, String(req.params.key));
    const [item] = await incidentItems(engine, [incident], demands);
    const definition = await engine.definition(incident.processDefinitionKey);
    res.json({
      ...item,
      variables: await variablesAtIncident(engine, incident, definition.xml),
      moveTargets: await moveTargetsOf(definition.xml, incident.elementId),
    });
  };

  const move = async (req: Request, res: Response) => {
    const key = String(req.params.key);
    noteAudit(res, { entityId: key });
    requireAdministrator(res);
    const { engine, incident } = await scopedIncident(res, key);
    const target = await parseMoveTarget(
      engine,
      incident,
      (req.body ?? {}) as Record<string, unknown>,
    );
    noteAudit(res, {
      details: {
        processDefinitionId: incident.processDefinitionId,
        processInstanceKey: incident.processInstanceKey,
        fromElementId: incident.elementId,
        targetElementId: target,
      },
    });
    if (incident.state !== 'ACTIVE') throw alreadyResolved();
    await moveIncident(engine, incident, target);
    res.status(204).end();
  };

  const retry = async (req: Request, res: Response) => {
    const key = String(req.params.key);
    noteAudit(res, { entityId: key });
    requireAdministrator(res);
    const { variables } = parseRetryInput(req.body ?? {});
    const { engine, incident } = await scopedIncident(res, key);
    noteAudit(res, {
      details: {
        errorType: incident.errorType,
        processDefinitionId: incident.processDefinitionId,
        processInstanceKey: incident.processInstanceKey,
        ...(incident.jobKey ? { jobKey: incident.jobKey } : {}),
        variableNames: Object.keys(variables),
      },
    });
    if (incident.state !== 'ACTIVE') throw alreadyResolved();
    await retryIncident(engine, incident, variables);
    res.status(204).end();
  };

  route(router, '/ops/incidents', { get: [guards.requireStaff, list] });
  route(router, '/ops/incidents/:key', { get: [guards.requireStaff, detail] });
  route(router, '/ops/incidents/:key/move', {
    post: [
      auditAs('incident.move', 'incident'),
      guards.requireStaff,
      guards.requireCsrf,
      ...jsonBody(options.jsonBodyLimit),
      move,
    ],
  });
  route(router, '/ops/incidents/:key/retry', {
    post: [
      auditAs('incident.retry', 'incident'),
      guards.requireStaff,
      guards.requireCsrf,
      ...jsonBody(options.jsonBodyLimit),
      retry,
    ],
  });
  return router;
}

/** Process owners read incidents; only administrators change instances. */
function requireAdministrator(res: Response): void {
  if (opsScopeOf(staffOf(res)).readOnly) {
    throw new HttpProblem({
      status: 403,
      type: PROBLEM_TYPES.forbidden,
      detail: 'Process owners read incidents; only administrators retry or move them.',
    });
  }
}

function alreadyResolved(): HttpProblem {
  return new HttpProblem({
    status: 409,
    type: PROBLEM_TYPES.conflict,
    detail: 'The incident is already resolved.',
  });
}

/**
 * Operate's retry: the fixed variables into the element's scopes, one more retry for the
 * incident's job, then the resolution (the engine retries the element or makes the job
 * activatable again). The engine refusing a step for an incident that is gone or resolved
 * meanwhile is a 409.
 */
async function retryIncident(
  engine: OpsEngine,
  incident: EngineIncident,
  variables: Record<string, unknown>,
): Promise<void> {
  try {
    if (Object.keys(variables).length > 0) {
      await engine.setVariables(incident.elementInstanceKey, variables);
    }
    if (incident.jobKey) await engine.updateJobRetries(incident.jobKey, 1);
    await engine.resolveIncident(incident.key);
  } catch (error) {
    if (error instanceof EngineRefusal) throw alreadyResolved();
    throw error;
  }
}
