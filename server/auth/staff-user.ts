import type { Knex } from 'knex';
import { ROLES, type Role } from '../../domain/demand';
import { resolveUnitPlaces } from '../org';

/** A logged-in member of staff, as every staff route sees them (`staffOf(res)`). */
export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string;
  unitName: string;
  /** The district the unit belongs to; null for a unit outside any district (the city). */
  districtCode: string | null;
  /** The org tier of the unit: district, township, village, grid, department or city. */
  unitTier: string;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  active: boolean;
  unit_code: string;
  roles: string[] | null;
}

/** An account as the login needs it; `role` is undefined when it holds no known role. */
export interface Account {
  id: string;
  username: string;
  passwordHash: string;
  active: boolean;
  role: Role | undefined;
}

/**
 * The account's one role. Accounts are created with one; should one hold several, the first in
 * the contract's order counts, so the answer never depends on row order.
 */
function primaryRole(roles: readonly string[]): Role | undefined {
  return ROLES.find((role) => roles.includes(role));
}

async function userRow(knex: Knex, where: { id?: string; username?: string }) {
  const query = knex('users as u')
    .leftJoin('user_roles as ur', 'ur.user_id', 'u.id')
    .groupBy('u.id')
    .first<UserRow | undefined>(
      'u.id',
      'u.username',
      'u.display_name',
      'u.password_hash',
      'u.active',
      'u.unit_code',
      knex.raw('array_remove(array_agg(ur.role_code), NULL) AS roles'),
    );
  if (where.id !== undefined) query.where('u.id', where.id);
  if (where.username !== undefined) query.where('u.username', where.username);
  return query;
}

/** The account named `username` (exact match), for checking a password. */
export async function findAccount(knex: Knex, username: string): Promise<Account | undefined> {
  const row = await userRow(knex, { username });
  if (!row) return undefined;
  return {
    id: String(row.id),
    username: row.username,
    passwordHash: row.password_hash,
    active: row.active,
    role: primaryRole(row.roles ?? []),
  };
}

/** The active user `id` with their unit and district, or undefined (gone, inactive, no role). */
export async function loadStaffUser(knex: Knex, id: string): Promise<StaffUser | undefined> {
  const row = await userRow(knex, { id });
  const role = primaryRole(row?.roles ?? []);
  if (!row || !row.active || !role) return undefined;
  const places = await resolveUnitPlaces(knex, row.unit_code);
  if (!places) return undefined;
  return {
    id: String(row.id),
    username: row.username,
    displayName: row.display_name,
    role,
    unitCode: places.unit.code,
    unitName: places.unit.name,
    districtCode: places.districtCode,
    unitTier: places.unit.tier,
  };
}

/**
 * The candidate group (`ROLE:UNITCODE`, processes/README.md) a user acts in: user tasks offered
 * to this group are theirs to see and claim.
 */
export function candidateGroupOf(user: Pick<StaffUser, 'role' | 'unitCode'>): string {
  return `${user.role}:${user.unitCode}`;
}
