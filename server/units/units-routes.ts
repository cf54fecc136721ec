import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { staffOf, type StaffGuards } from '../auth';
import { single } from '../demands';
import { invalidInput, route, type FieldError } from '../http';
import { unitReachOf, unitsWithin } from './unit-reach';

/** The tiers a caller may ask for (`org_units.tier`; the city stands outside the districts). */
export const UNIT_TIERS = ['district', 'township', 'village', 'grid', 'department'] as const;

export interface UnitRoutesOptions {
  knex: Knex;
  guards: StaffGuards;
}

/**
 * `GET /units?tier=&parent=` (server/README.md "Units"): the org units the caller may read,
 * for pickers (ledgers, dashboards). A `parent` outside the reach simply finds nothing.
 */
export function unitRouter(options: UnitRoutesOptions): Router {
  const { knex, guards } = options;
  const router = Router();

  const list = async (req: Request, res: Response) => {
    const query = req.query as Record<string, unknown>;
    const errors: FieldError[] = [];
    const tier = single(query, 'tier', errors);
    const parent = single(query, 'parent', errors);
    if (tier !== undefined && !(UNIT_TIERS as readonly string[]).includes(tier)) {
      errors.push({ field: 'tier', message: `One of ${UNIT_TIERS.join(', ')}.` });
    }
    if (errors.length > 0) throw invalidInput(errors);
    const items = await unitsWithin(knex, unitReachOf(staffOf(res)), { tier, parent });
    res.json({ items });
  };

  route(router, '/units', { get: [guards.requireStaff, list] });
  return router;
}
