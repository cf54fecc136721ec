import { Router, type NextFunction, type Request, type Response } from 'express';
import { staffOf, type StaffGuards } from '../auth';
import { engineUnavailable } from '../camunda';
import {
  auditAs,
  HttpProblem,
  invalidInput,
  jsonBody,
  noteAudit,
  PROBLEM_TYPES,
  route,
  type FieldError,
} from '../http';
import type { ModelerEngine } from './modeler-engine';

export interface ModelerRoutesOptions {
  guards: StaffGuards;
  /** Absent (no engine configured): every route answers 503 `engine-unavailable`. */
  engine?: ModelerEngine;
  /** Models are larger than other bodies: a county's process runs to a few hundred kB. */
  deploymentBodyLimit?: string;
}

/** The model files the engine deploys; the modeler edits BPMN, the others ride along. */
const RESOURCE_NAME = /^[\w.-]{1,200}\.(bpmn|dmn|form)$/;
const MAX_RESOURCES = 20;
const KEY = /^\d{1,19}$/;

/** Changing how demands are handled is the process owner's job alone. */
export function requireProcessOwner(_req: Request, res: Response, next: NextFunction): void {
  if (staffOf(res).role !== 'process_owner') {
    throw new HttpProblem({
      status: 403,
      type: PROBLEM_TYPES.forbidden,
      detail: 'The process modeler is for process owners.',
    });
  }
  next();
}

function resourcesOf(body: unknown): { name: string; content: string }[] {
  const resources = (body as { resources?: unknown } | undefined)?.resources;
  if (!Array.isArray(resources) || resources.length === 0 || resources.length > MAX_RESOURCES) {
    throw invalidInput([
      { field: 'resources', message: `1 to ${MAX_RESOURCES} model files are required.` },
    ]);
  }
  const errors: FieldError[] = [];
  const valid = resources.flatMap((resource: unknown, index) => {
    const { name, content } = (resource ?? {}) as { name?: unknown; content?: unknown };
    if (typeof name !== 'string' || !RESOURCE_NAME.test(name)) {
      errors.push({
        field: `resources[${index}].name`,
        message: 'A file name ending in .bpmn, .dmn or .form (letters, digits, . _ -).',
      });
    }
    if (typeof content !== 'string' || content.trim() === '') {
      errors.push({ field: `resources[${index}].content`, message: 'The model is empty.' });
    }
    return errors.length === 0 ? [{ name: name as string, content: content as string }] : [];
  });
  if (errors.length > 0) throw invalidInput(errors);
  return valid;
}

/**
 * `/modeler/…`: the deployed process models for the process modeler (web-modeler/), and their
 * deployment. Reads and deployments go to the engine through its Camunda 8.8 REST API; every
 * deployment, refused ones included, is in the audit log with the file names.
 */
export function modelerRouter(options: ModelerRoutesOptions): Router {
  const { guards } = options;
  const router = Router();
  const engine = (): ModelerEngine => {
    if (!options.engine) throw engineUnavailable();
    return options.engine;
  };
  const reader = [guards.requireStaff, requireProcessOwner];

  route(router, '/modeler/processes', {
    get: [
      ...reader,
      async (_req: Request, res: Response) => {
        res.json({ items: await engine().listProcesses() });
      },
    ],
  });

  route(router, '/modeler/processes/:key/xml', {
    get: [
      ...reader,
      async (req: Request, res: Response) => {
        const key = String(req.params.key);
        if (!KEY.test(key)) throw new HttpProblem({ status: 404, detail: 'No such version.' });
        const xml = await engine().processXml(key);
        res.type('application/xml').send(xml);
      },
    ],
  });

  route(router, '/modeler/decisions', {
    get: [
      ...reader,
      async (_req: Request, res: Response) => {
        res.json({ items: await engine().listDecisions() });
      },
    ],
  });

  route(router, '/modeler/decisions/:key/xml', {
    get: [
      ...reader,
      async (req: Request, res: Response) => {
        const key = String(req.params.key);
        if (!KEY.test(key)) throw new HttpProblem({ status: 404, detail: 'No such version.' });
        res.type('application/xml').send(await engine().decisionXml(key));
      },
    ],
  });

  route(router, '/modeler/forms', {
    get: [
      ...reader,
      async (_req: Request, res: Response) => {
        res.json({ items: await engine().listForms() });
      },
    ],
  });

  route(router, '/modeler/forms/:key', {
    get: [
      ...reader,
      async (req: Request, res: Response) => {
        const key = String(req.params.key);
        if (!KEY.test(key)) throw new HttpProblem({ status: 404, detail: 'No such version.' });
        res.json(await engine().formSchema(key));
      },
    ],
  });

  route(router, '/modeler/deployments', {
    post: [
      auditAs('process.deploy', 'process_model'),
      guards.requireStaff,
      guards.requireCsrf,
      requireProcessOwner,
      ...jsonBody(options.deploymentBodyLimit ?? '5mb'),
      async (req: Request, res: Response) => {
        const resources = resourcesOf(req.body);
        noteAudit(res, { details: { resources: resources.map((r) => r.name) } });
        const deployed = await engine().deploy(resources);
        noteAudit(res, {
          entityId: deployed.deploymentKey,
          details: {
            versions: [
              ...deployed.processes.map((p) => `${p.processDefinitionId}:${p.version}`),
              ...deployed.decisions.map((d) => `${d.decisionDefinitionId}:${d.version}`),
              ...deployed.forms.map((f) => `${f.formId}:${f.version}`),
            ],
          },
        });
        res.status(201).json(deployed);
      },
    ],
  });
  return router;
}
