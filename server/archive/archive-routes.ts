import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { verifyArchiveChain } from '../../workers';
import { staffOf, type StaffGuards } from '../auth';
import { auditAs, HttpProblem, route } from '../http';

export interface ArchiveRoutesOptions {
  knex: Knex;
  guards: StaffGuards;
}

/**
 * Who may check the archive chain: those who answer for the archive's integrity. Checking
 * changes nothing, so the read-only auditor may too.
 */
const VERIFIERS = new Set(['auditor', 'admin', 'supervisor', 'principal_leader']);

/**
 * `POST /archive/verify` → `{valid, entries, firstBroken}`: walks the hash chain of the archive
 * (建档销号) as `npm run archive:verify` does and names the first entry that breaks it.
 * A POST because it is a run, not a read of a resource; it carries the CSRF token like every
 * other staff POST, and each run is in the audit log.
 */
export function archiveRouter(options: ArchiveRoutesOptions): Router {
  const { knex, guards } = options;
  const router = Router();

  const verify = async (_req: Request, res: Response) => {
    if (!VERIFIERS.has(staffOf(res).role)) {
      throw new HttpProblem({
        status: 403,
        detail: 'Checking the archive chain is for auditors, administrators and leaders.',
      });
    }
    const result = await verifyArchiveChain(knex);
    res.json({
      valid: result.ok,
      entries: result.checked,
      firstBroken: result.firstBroken ?? null,
    });
  };

  route(router, '/archive/verify', {
    post: [auditAs('archive.verify', 'archive'), guards.requireStaff, guards.requireCsrf, verify],
  });
  return router;
}
