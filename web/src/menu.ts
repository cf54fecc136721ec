import type { Role } from './api/types';

/** Roles that are offered user tasks by the processes (candidate groups, processes/README.md). */
const TASK_ROLES: Role[] = [
  'intake_clerk',
  'village_staff',
  'township_staff',
  'department_staff',
  'dispatcher',
  'supervisor',
  'principal_leader',
  'discipline_inspector',
];
const LEADERS: Role[] = ['dispatcher', 'supervisor', 'principal_leader', 'discipline_inspector'];
const ALL_ROLES: Role[] = [...TASK_ROLES, 'auditor', 'process_owner', 'admin'];

export interface MenuEntry {
  /** The route name and the i18n key under `menu.`. */
  name: string;
  path: string;
  roles: Role[];
  /** A separate web app (the modeler): a plain link, outside this app's router. */
  external?: boolean;
}

/**
 * The shell's menu. The server enforces every permission itself; the menu only hides what a
 * role cannot use (an auditor reads tasks through 诉求, but has no 工作台 to work them).
 */
export const MENU: MenuEntry[] = [
  { name: 'workbench', path: '/workbench', roles: TASK_ROLES },
  { name: 'demands', path: '/demands', roles: ALL_ROLES },
  { name: 'ledgers', path: '/ledgers', roles: ALL_ROLES },
  {
    name: 'rankings',
    path: '/rankings',
    roles: [...LEADERS, 'township_staff', 'auditor', 'process_owner'],
  },
  {
    name: 'dashboard',
    path: '/dashboard',
    roles: [...LEADERS, 'township_staff', 'auditor', 'process_owner'],
  },
  {
    name: 'replay',
    path: '/replay',
    roles: ['supervisor', 'principal_leader', 'discipline_inspector', 'auditor', 'process_owner'],
  },
  { name: 'ops', path: '/ops', roles: ['process_owner', 'admin'] },
  { name: 'modeler', path: '/modeler/', roles: ['process_owner'], external: true },
];

export function menuFor(role: Role): MenuEntry[] {
  return MENU.filter((entry) => entry.roles.includes(role));
}

/** Where a user lands after login: the first page of their menu. */
export function homeOf(role: Role): string {
  return menuFor(role)[0]?.path ?? '/demands';
}
