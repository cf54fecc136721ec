import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { raiseRedWarning } from '../../workers/rankings';
import { staffOf } from '../auth';
import { HttpProblem, PROBLEM_TYPES, invalidInput, isoWithOffset, noteAudit } from '../http';
import { resolveUnitPlaces } from '../org';

/**
 * Who may raise a red warning (红灯) by hand: data fraud found by an inspection, a false
 * closure found outside the monthly spot check. Within their own district.
 */
export const RED_WARNING_ROLES = ['discipline_inspector', 'supervisor', 'principal_leader'];

const MAX_REASON = 500;

/**
 * `POST /rankings/warnings {"unitCode","reason"}` → 201 with the warning. The ladder and the
 * rankings show it beside the unit; yellow warnings come only from the ranking computation.
 */
export function raiseRedWarningHandler(knex: Knex, clock: () => Date) {
  return async (req: Request, res: Response) => {
    const user = staffOf(res);
    const body = (req.body ?? {}) as { unitCode?: unknown; reason?: unknown };
    const unitCode = typeof body.unitCode === 'string' ? body.unitCode.trim() : '';
    noteAudit(res, { entityId: unitCode || undefined });
    if (!RED_WARNING_ROLES.includes(user.role)) {
      throw new HttpProblem({
        status: 403,
        type: PROBLEM_TYPES.forbidden,
        detail: 'Only discipline inspectors and leaders raise red warnings.',
      });
    }
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    const errors = [
      ...(unitCode === '' ? [{ field: 'unitCode', message: 'The code of the unit warned.' }] : []),
      ...(reason === '' || reason.length > MAX_REASON
        ? [{ field: 'reason', message: `Why, in 1–${MAX_REASON} characters (zh-CN).` }]
        : []),
    ];
    if (errors.length > 0) throw invalidInput(errors);
    const places = await resolveUnitPlaces(knex, unitCode);
    if (!places || places.districtCode === null || places.districtCode !== user.districtCode) {
      throw invalidInput([
        { field: 'unitCode', message: 'No unit of your district has this code.' },
      ]);
    }
    const issuedAt = clock();
    const id = await raiseRedWarning(knex, unitCode, reason, issuedAt);
    noteAudit(res, { details: { warningId: id, level: 'red' } });
    res.status(201).json({
      id,
      unit: { code: places.unit.code, name: places.unit.name },
      level: 'red',
      reason,
      issuedAt: isoWithOffset(issuedAt),
    });
  };
}
