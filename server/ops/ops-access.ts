import type { StaffUser } from '../auth';
import { HttpProblem, PROBLEM_TYPES } from '../http';

/**
 * Who may see and retry the engine's incidents (运维), expressed as `auth/demand-scope.ts`
 * expresses scopes: a district (or everything) and whether the caller is read-only.
 *
 * | who | sees | retries |
 * | --- | --- | --- |
 * | `admin` | every incident | yes: administers the processes |
 * | `process_owner` | the incidents of their district's demands and of no demand | no (read-only) |
 * | everyone else | nothing (403) | no |
 */
export interface OpsScope {
  /** Null: every district. */
  districtCode: string | null;
  readOnly: boolean;
}

export function opsScopeOf(user: StaffUser): OpsScope {
  if (user.role === 'admin') return { districtCode: null, readOnly: false };
  if (user.role === 'process_owner' && user.districtCode) {
    return { districtCode: user.districtCode, readOnly: true };
  }
  throw new HttpProblem({
    status: 403,
    type: PROBLEM_TYPES.forbidden,
    detail: 'Only administrators and process owners see the process incidents.',
  });
}

/** Whether an incident of a demand placed in `demandDistrict` (null: no demand) is in scope. */
export function isIncidentInScope(scope: OpsScope, demandDistrict: string | null): boolean {
  return (
    scope.districtCode === null || demandDistrict === null || demandDistrict === scope.districtCode
  );
}
