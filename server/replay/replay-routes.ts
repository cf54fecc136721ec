import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import type { FieldCipher } from '../../domain/pii';
import { isInScope, staffOf, type StaffGuards } from '../auth';
import { engineUnavailable } from '../camunda';
import { demandNotFound, findDemandByCode, loadViewer, placementOf } from '../demands';
import { route } from '../http';
import type { Replay } from './replay-service';

export interface ReplayRoutesOptions {
  knex: Knex;
  cipher: FieldCipher;
  guards: StaffGuards;
  clock: () => Date;
  /** Absent (no engine client): the replay answers 503 `engine-unavailable`. */
  replay: Replay | undefined;
}

/** `GET /demands/{code}/replay`: scoped like the demand itself; auditors read every one. */
export function replayRouter(options: ReplayRoutesOptions): Router {
  const { knex, cipher, guards, clock } = options;
  const router = Router();

  const read = async (req: Request, res: Response) => {
    const viewer = await loadViewer(knex, staffOf(res));
    const demand = await findDemandByCode(knex, String(req.params.code), clock());
    if (!demand || !isInScope(viewer.scope, placementOf(demand))) throw demandNotFound();
    if (!options.replay) throw engineUnavailable();
    res.json(await options.replay({ viewer, cipher }, demand));
  };

  route(router, '/demands/:code/replay', { get: [guards.requireStaff, read] });
  return router;
}
