import type { Role } from '../api/types';

/** Roles the server lets read the citizen's full contact values (server/demands/citizen-read.ts). */
export const CITIZEN_CONTACT_ROLES: readonly Role[] = [
  'intake_clerk',
  'village_staff',
  'township_staff',
  'department_staff',
  'dispatcher',
  'discipline_inspector',
];

/** Roles that screen demands and so may undo a wrong merge (server/demands/demand-split.ts). */
export const SPLIT_ROLES: readonly Role[] = [
  'intake_clerk',
  'village_staff',
  'township_staff',
  'dispatcher',
  'supervisor',
];
