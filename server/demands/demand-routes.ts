import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import type { FieldCipher } from '../../domain/pii';
import { isInScope, staffOf, type StaffGuards } from '../auth';
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
import { CITIZEN_CONTACT_ROLES, DEFAULT_ACCESS_PURPOSE, readCitizen } from './citizen-read';
import { demandDetail } from './demand-detail';
import { listDemands } from './demand-list';
import { findDemandByCode, placementOf, type DemandRow } from './demand-rows';
import { splitDemand, SPLIT_ROLES } from './demand-split';
import type { ViewContext } from './demand-summary';
import { parseDemandListQuery, single } from './list-query';
import { loadViewer, withholdsCitizen, type Viewer } from './viewer';

export interface DemandRoutesOptions {
  knex: Knex;
  cipher: FieldCipher;
  guards: StaffGuards;
  clock: () => Date;
  jsonBodyLimit: string;
  /** Called after a split sent a demand back to screening (wakes the process starter). */
  onRestart?: () => void;
}

/** A read of one demand the caller may not see: its existence is not revealed. */
export function demandNotFound(): HttpProblem {
  return new HttpProblem({ status: 404, detail: 'There is no such demand.' });
}

function forbidden(detail: string): HttpProblem {
  return new HttpProblem({ status: 403, type: PROBLEM_TYPES.forbidden, detail });
}

const MAX_PURPOSE_CHARACTERS = 200;

/**
 * The staff demand routes: `GET /demands` (list), `GET /demands/{code}` (detail),
 * `GET /demands/{code}/citizen` (full personal data, access-logged) and
 * `POST /demands/{code}/split`.
 */
export function demandRouter(options: DemandRoutesOptions): Router {
  const { knex, cipher, guards, clock } = options;
  const router = Router();

  /** The demand `code` if the viewer's scope holds it, else 404. */
  async function visibleDemand(viewer: Viewer, code: string): Promise<DemandRow> {
    const row = await findDemandByCode(knex, code, clock());
    if (!row || !isInScope(viewer.scope, placementOf(row))) throw demandNotFound();
    return row;
  }

  const context = async (res: Response): Promise<ViewContext> => ({
    viewer: await loadViewer(knex, staffOf(res)),
    cipher,
  });

  const list = async (req: Request, res: Response) => {
    const filters = parseDemandListQuery(req.query as Record<string, unknown>);
    res.json(await listDemands(knex, await context(res), filters, clock()));
  };

  const detail = async (req: Request, res: Response) => {
    const view = await context(res);
    const row = await visibleDemand(view.viewer, String(req.params.code));
    res.json(await demandDetail(knex, view, row));
  };

  const citizen = async (req: Request, res: Response) => {
    const viewer = await loadViewer(knex, staffOf(res));
    if (!CITIZEN_CONTACT_ROLES.includes(viewer.user.role)) {
      throw forbidden('Your role works with masked personal data only.');
    }
    const errors: FieldError[] = [];
    const purpose = (single(req.query as Record<string, unknown>, 'purpose', errors) ?? '').trim();
    if (Array.from(purpose).length > MAX_PURPOSE_CHARACTERS) {
      errors.push({ field: 'purpose', message: `At most ${MAX_PURPOSE_CHARACTERS} characters.` });
    }
    if (errors.length > 0) throw invalidInput(errors);
    const row = await visibleDemand(viewer, String(req.params.code));
    // The accused unit does not learn that a citizen exists to be read.
    if (withholdsCitizen(viewer, row.accused_unit_code)) throw demandNotFound();
    res.json(
      await readCitizen(knex, cipher, viewer, row, {
        purpose: purpose || DEFAULT_ACCESS_PURPOSE,
        ip: req.ip,
      }),
    );
  };

  const split = async (req: Request, res: Response) => {
    const user = staffOf(res);
    const code = String(req.params.code);
    noteAudit(res, { entityId: code });
    const viewer = await loadViewer(knex, user);
    if (viewer.scope.readOnly || !SPLIT_ROLES.includes(user.role)) {
      throw forbidden('Your role does not screen demands.');
    }
    const body = req.body as { from?: unknown } | undefined;
    if (typeof body?.from !== 'string' || body.from.trim() === '') {
      throw invalidInput([
        { field: 'from', message: 'The code of the demand it was merged into.' },
      ]);
    }
    const result = await splitDemand(knex, {
      code,
      from: body.from.trim(),
      user,
      scope: viewer.scope,
    });
    noteAudit(res, { details: { from: body.from.trim(), restarted: result.restarted } });
    if (result.restarted) options.onRestart?.();
    res.json(result);
  };

  route(router, '/demands', { get: [guards.requireStaff, list] });
  route(router, '/demands/:code', { get: [guards.requireStaff, detail] });
  route(router, '/demands/:code/citizen', { get: [guards.requireStaff, citizen] });
  route(router, '/demands/:code/split', {
    post: [
      auditAs('demand.split', 'demand'),
      guards.requireStaff,
      guards.requireCsrf,
      ...jsonBody(options.jsonBodyLimit),
      split,
    ],
  });
  return router;
}
